import Analysis
import ArgumentParser
import Output

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Compute statistics of a finished sweep's runs (tails, clustering, drawdowns, sector flows) as CSV.",
        discussion: """
            Writes DIR/analysis/statistics.csv (one row per run and statistic), statistics_summary.csv (per point and \
            variant: the level, and the difference from main paired on the seed, with 95% intervals) and \
            analysis.json. The sweep's tables are checked against its manifest first. Return \
            statistics need timeseries.csv with every step (outputs.every: 1); flow statistics need flows.csv. \
            docs/OUTPUT.md lists every statistic.
            """)

    @Argument(help: "A finished sweep directory (`drypowder sweep --out DIR`).")
    var directory: String

    @Option(name: .long, help: "Where to write the tables (default: DIR/analysis): a new or empty folder, or an earlier analysis, whose files are replaced; anything else is refused.")
    var out: String?

    @Option(name: .long, help: "Autocorrelations at lags 1 to this (at most a quarter of the run's steps).")
    var maxLag = AnalysisSettings().maxLag

    @Option(name: .long, help: "Share of the largest absolute returns the Hill tail index uses; also the share of days forced-sale clustering looks at.")
    var tailFraction = AnalysisSettings().tailFraction

    @Option(name: .long, help: "A fall from the running peak this deep or deeper counts as a drawdown (fraction).")
    var drawdown = AnalysisSettings().drawdown

    @Option(name: .long, help: "Leave out each run's first N steps from the time-series statistics (the move away from step 0).")
    var burnIn = AnalysisSettings().burnIn

    func validate() throws {
        guard burnIn >= 0 else { throw ValidationError("--burn-in expects a number of steps >= 0, found \(burnIn)") }
        guard maxLag >= 1 else { throw ValidationError("--max-lag expects a lag of at least 1, found \(maxLag)") }
        guard tailFraction > 0 && tailFraction < 1 else { throw ValidationError("--tail-fraction expects a fraction in (0, 1), found \(tailFraction)") }
        guard drawdown > 0 && drawdown < 1 else { throw ValidationError("--drawdown expects a fraction in (0, 1), found \(drawdown)") }
    }

    func run() throws {
        let settings = AnalysisSettings(maxLag: maxLag, tailFraction: tailFraction, drawdown: drawdown, burnIn: burnIn)
        let report: Analysis.Report
        do {
            report = try Analysis.run(directory: directory, out: out ?? directory + "/analysis", settings: settings)
        } catch let error as AnalysisError {
            throw UsageFailure(message: "error: \(error)")
        } catch let failure as Disk.Failure {
            if failure.isUsage { throw UsageFailure(message: "error: \(failure)") }
            throw RunFailure(message: failure.description)
        }
        print("analysed \(report.analysed) of \(report.runs) runs (the others stopped or were invalid)")
        for reason in report.skipped { print("note: \(reason)") }
        print("wrote " + report.files.joined(separator: ", "))
    }
}
