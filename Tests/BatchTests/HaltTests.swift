import Config
import Foundation
import Output
import TestSupport
import Testing
@testable import Batch

/// A market that cannot clear within its daily limit halts there: a recorded event of a run that is ok,
/// counted per run and per asset, never a failure nor a price no one traded at.
@Suite struct HaltTests {
    /// A variant whose crypto price may move 0.1% a day at most: days that need more halt.
    static let batch = """
        replications: 2
        variants:
          tight: {set: {market.assets.crypto.daily_limit: 0.001}}
        outputs: {tables: [timeseries], every: 1}
        """

    @Test func haltsAreCountedAndTheRunsStayOk() throws {
        let experiment = try Experiment.load(Repository.experiment(steps: 10, retail: 100, extra: Self.batch))
        let out = Repository.temporaryDirectory() + "/s"
        let outcome = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 8), into: SweepDirectory(out), options: .init(jobs: 1))
        #expect(outcome.statuses == [.ok: 4])
        let runs = CSVReader.parse(try String(contentsOfFile: out + "/runs.csv", encoding: .utf8))
        let status = runs[0].firstIndex(of: "status")!, error = status + 1, days = runs[0].firstIndex(of: "halt_days")!
        for row in runs.dropFirst() {
            #expect(row[status] == "ok" && row[error].isEmpty)
            #expect(row[3] == "tight" ? Int(row[days])! > 0 : row[days] == "0", "\(row[3]): \(row[days]) halt days")
        }
        // The halts are in the time series, per asset, at most once a day, and the price stays within the limit.
        let series = CSVReader.parse(try String(contentsOfFile: out + "/timeseries.csv", encoding: .utf8))
        let halted = series[0].indices.filter { series[0][$0].hasPrefix("halted_") }
        let crypto = series[0].firstIndex(of: "halted_crypto")!, move = series[0].firstIndex(of: "log_return_crypto")!
        #expect(halted.count == 5)
        let tight = series.dropFirst().filter { $0[3] == "tight" }
        #expect(tight.contains { $0[crypto] == "1" } && tight.allSatisfy { ["0", "1"].contains($0[crypto]) })
        #expect(tight.allSatisfy { abs(Double($0[move])!) <= 0.001 + 1e-12 }, "no day moves beyond the limit")
        #expect(tight.filter { $0[crypto] == "1" }.allSatisfy { abs(abs(Double($0[move])!) - 0.001) < 1e-9 },
                "a halted day ends at the limit")
        // summary.csv counts every ok run, halted or not.
        let summary = CSVReader.parse(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8))
        #expect(!summary[0].contains("sample"))
        func n(_ variant: String, _ statistic: String) -> String? {
            summary.first { $0[1] == variant && $0[2] == statistic && $0[3] == "return_crypto" }?[4]
        }
        #expect(n("tight", "level") == "2" && n("tight", "difference") == "2" && n("main", "level") == "2")
        let manifest = try ManifestFile.object(out + "/manifest.json")
        #expect((manifest["runs_by_status"] as? [String: Int]) == ["ok": 4, "failed": 0, "invalid": 0])
        #expect(manifest["runs_not_ok"] as? Int == 0)
    }
}
