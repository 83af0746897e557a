import Analysis
import ArgumentParser
import Output

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page of a run or sweep folder: fan charts of prices, yields, "
            + "the spread and dry powder, paired effects, flagged runs and provenance.",
        discussion: """
            Charts show, per point and variant, the median and the 10-90% band over replications at each step \
            (timeseries.csv). The page needs no network to be viewed. Written to DIR/report.html unless --out.
            """)

    @Argument(help: "A run folder (drypowder run) or a finished sweep folder (drypowder sweep).")
    var directory: String

    @Option(name: .long, help: "The HTML file to write (default: DIR/report.html).")
    var out: String?

    func run() throws {
        let report: Report
        do { report = try Report(directory: directory) } catch let error as AnalysisError {
            throw UsageFailure(message: "error: \(error)")
        }
        let path = out ?? directory + "/report.html"
        try Disk.replace(path, with: Array(report.html.utf8))
        print("wrote \(path): \(report.charts.count) charts, \(report.effects.count) paired effects, "
              + "\(report.flags.count) runs flagged")
    }
}
