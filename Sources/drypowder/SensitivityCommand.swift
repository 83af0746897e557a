import Analysis
import ArgumentParser
import Foundation
import Output

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Sobol indices of a saltelli sweep: which swept keys drive which outputs of runs.csv.",
        discussion: """
            For each output (a metric column of runs.csv) and swept key: the first-order index (the share of the \
            output's variance over the design the key explains alone) and the total index (with its interactions), \
            by Jansen's estimators with percentile bootstrap intervals. An output at a point is its mean over \
            the replications, or with --against the mean paired difference (the variant's effect on the same seeds). \
            The sweep needs `sweep: {design: saltelli, points: N, parameters: {...}}` (N (k + 2) points). Writes \
            a CSV (docs/OUTPUT.md) and prints a table.
            """)

    @Argument(help: "A finished saltelli sweep directory.")
    var directory: String

    @Option(name: .long, parsing: .upToNextOption, help: "Metric columns of runs.csv, e.g. peak_yield_rise max_drawdown_crypto.")
    var output: [String]

    @Option(name: .long, help: "The variant whose outputs are analysed.")
    var variant = "main"

    @Option(name: .long, help: "Analyse the variant's paired difference from this variant (its effect), e.g. no-boom.")
    var against: String?

    @Option(name: .long, help: "Bootstrap resamples of the design's rows for the 95% intervals.")
    var resamples = 1000

    @Option(name: .long, help: "Seed of the bootstrap's GSL stream.")
    var seed: UInt64 = 1

    @Option(name: .long, help: """
        Where to write the CSV (default: DIR/sensitivity.csv); an existing file is replaced only if sensitivity wrote it.
        """)
    var out: String?

    func validate() throws {
        guard !output.isEmpty else { throw ValidationError("--output expects at least one metric column of runs.csv") }
        guard resamples >= 1 else { throw ValidationError("--resamples expects at least 1, found \(resamples)") }
    }

    func run() throws {
        let path = out ?? directory + "/sensitivity.csv"
        if FileManager.default.fileExists(atPath: path), !Self.wroteIt(path) {
            throw UsageFailure(message: "error: \(path): exists and was not written by drypowder sensitivity; "
                               + "choose another --out")
        }
        let report: Sensitivity.Report
        do {
            report = try Sensitivity.run(directory: directory, outputs: output, variant: variant, against: against,
                                         resamples: resamples, seed: seed)
            try Sensitivity.write(report, to: path)
        } catch let error as AnalysisError {
            throw UsageFailure(message: "error: \(error)")
        } catch let failure as Disk.Failure {
            throw RunFailure(message: failure.description)
        }
        for note in report.notes { FileHandle.standardError.write(Data("warning: \(note)\n".utf8)) }
        for (name, why) in report.missing {
            FileHandle.standardError.write(Data("warning: \(name) has no indices: \(why)\n".utf8))
        }
        print("Sobol indices over \(report.usedRows) of \(report.baseRows) design rows "
              + "(first order, total; 95% bootstrap intervals)")
        for row in report.rows {
            let i = row.index
            print("  \(row.output)  \(row.parameter): S1 \(Self.f(i.first)) [\(Self.f(i.firstInterval.lowerBound)), "
                  + "\(Self.f(i.firstInterval.upperBound))]  ST \(Self.f(i.total)) [\(Self.f(i.totalInterval.lowerBound)), "
                  + "\(Self.f(i.totalInterval.upperBound))]")
        }
        print("wrote \(path)")
    }

    /// A file whose header is the sensitivity table's.
    static func wroteIt(_ path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return text.split(separator: "\n", maxSplits: 1).first.map(String.init) == Sensitivity.header.joined(separator: ",")
    }

    static func f(_ x: Double) -> String { String(format: "%.3f", x) }
}
