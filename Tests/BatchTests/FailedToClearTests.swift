import Config
import Foundation
import Output
import TestSupport
import Testing
@testable import Batch

/// A market that stops at its search edge is a failure, recorded as such, never an ok run.
@Suite struct FailedToClearTests {
    /// A variant whose prices may move 1% a round at most: rounds that need more stop at the edge.
    static let batch = """
        replications: 2
        variants:
          tight: {set: {market.max_log_move: 0.01}}
        outputs: {tables: [timeseries], every: 1}
        """

    @Test func runsWhoseMarketsFailToClearAreCountedApart() throws {
        let experiment = try Experiment.load(Repository.experiment(steps: 10, retail: 100, extra: Self.batch))
        let out = Repository.temporaryDirectory() + "/s"
        let outcome = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 8), into: SweepDirectory(out), options: .init(jobs: 1))
        #expect(outcome.statuses == [.ok: 2, .failedToClear: 2])
        let runs = CSVReader.parse(try String(contentsOfFile: out + "/runs.csv", encoding: .utf8))
        let status = runs[0].firstIndex(of: "status")!, error = status + 1
        for row in runs.dropFirst() {
            if row[3] == "tight" {
                #expect(row[status] == "failed_to_clear")
                #expect(row[error].hasPrefix("market ") && row[error].contains("failed to clear at step"), "\(row[error])")
                #expect(!row[error + 1].isEmpty, "the run ran to the end: its metrics are kept")
            } else {
                #expect(row[status] == "ok")
            }
        }
        // The failed rounds are in the time series, per asset.
        let series = CSVReader.parse(try String(contentsOfFile: out + "/timeseries.csv", encoding: .utf8))
        let uncleared = series[0].indices.filter { series[0][$0].hasPrefix("uncleared_") }
        let failedRounds = series.dropFirst().filter { $0[3] == "tight" }.reduce(0) { sum, row in sum + uncleared.reduce(0) { $0 + Int(row[$1])! } }
        #expect(uncleared.count == 5 && failedRounds > 0)
        #expect(series.dropFirst().filter { $0[3] == "main" }.allSatisfy { row in uncleared.allSatisfy { row[$0] == "0" } })
        // summary.csv: the tight variant's level counts no run in the ok sample, both with them.
        let summary = CSVReader.parse(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8))
        func n(_ variant: String, _ statistic: String, _ sample: String) -> String? {
            summary.first { $0[1] == variant && $0[2] == statistic && $0[3] == sample && $0[4] == "return_crypto" }?[5]
        }
        #expect(n("tight", "level", "ok") == "0" && n("tight", "level", "with_failed_to_clear") == "2")
        #expect(n("tight", "difference", "ok") == "0" && n("tight", "difference", "with_failed_to_clear") == "2")
        #expect(n("main", "level", "ok") == "2")
        let manifest = try ManifestFile.object(out + "/manifest.json")
        #expect((manifest["runs_by_status"] as? [String: Int]) == ["ok": 2, "failed_to_clear": 2, "failed": 0, "invalid": 0])
        #expect(manifest["runs_not_ok"] as? Int == 2)
    }
}
