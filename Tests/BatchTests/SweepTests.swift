import Config
import Foundation
import Output
import Stochastics
import TestSupport
import Testing
@testable import Batch

/// Sweeps end to end, in process: determinism across threads and shards, failures, thinning, summary.
@Suite struct SweepTests {
    /// Two points (the second invalid: no dealers), two replications, a variant without the boom.
    static let batch = """
        replications: 2
        variants:
          no-boom: {events: []}
          same: {set: {central_bank.max_move: 0.005}}
        sweep:
          parameters:
            dealer.count: [2, 0, 3]
        events:
          - at: 5
            set: {hyperscaler.capex_growth: 3}
        outputs: {every: 4, snapshot_every: 6}
        """
    static let tables = ["design.csv", "runs.csv", "timeseries.csv", "flows.csv", "events.csv", "snapshots.csv", "summary.csv", "plan.json"]

    func context(_ extra: String = batch, steps: Int = 14) throws -> BatchContext {
        let experiment = try Experiment.load(Repository.experiment(steps: steps, retail: 120, extra: extra))
        return try BatchContext(experiment: experiment, masterSeed: 3)
    }

    func sweep(_ c: BatchContext, jobs: Int, shard: (Int, Int)? = nil) throws -> String {
        let out = Repository.temporaryDirectory() + "/sweep"
        _ = try Sweep.run(c, into: SweepDirectory(out), options: .init(jobs: jobs, shard: shard))
        return out
    }

    func bytes(_ dir: String, _ file: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file)) }
    func rows(_ dir: String, _ file: String) throws -> [[String]] {
        CSVReader.parse(try String(contentsOfFile: dir + "/" + file, encoding: .utf8))
    }

    @Test func tablesAreByteIdenticalForOneAndTwoJobs() throws {
        let c = try context()
        let one = try sweep(c, jobs: 1), two = try sweep(c, jobs: 2)
        for file in Self.tables {
            #expect(try bytes(one, file) == bytes(two, file), "\(file) differs between --jobs 1 and --jobs 2")
        }
        #expect(try rows(one, "timeseries.csv").count > 1)
    }

    @Test func threeShardsMergedAreByteIdenticalToTheWholeSweep() throws {
        let c = try context()
        let whole = try sweep(c, jobs: 2)
        let shards = try (1...3).map { try sweep(c, jobs: 1, shard: ($0, 3)) }
        let merged = Repository.temporaryDirectory() + "/merged"
        #expect(try Merge.merge(shards.reversed(), into: merged) == c.plan.count)
        for file in Self.tables + ["timings.csv"] where file != "timings.csv" {
            #expect(try bytes(whole, file) == bytes(merged, file), "\(file) differs after merging shards")
        }
        #expect(throws: Merge.Failure.self) { try Merge.merge(Array(shards.prefix(2)), into: Repository.temporaryDirectory() + "/m") }
        // The sweep's manifest holds the resolved configuration it ran, design points included.
        let config = try #require(try ManifestFile.object(whole + "/manifest.json")["config"] as? [String: Any])
        #expect((config["design"] as? [Any])?.count == c.plan.points && config["agents"] is [String: Any])
        // The merged manifest carries what made the runs: seeds, streams and variants, as the whole sweep's.
        let wholeManifest = try ManifestFile.object(whole + "/manifest.json")
        let mergedManifest = try ManifestFile.object(merged + "/manifest.json")
        for key in Merge.provenance {
            #expect(JSON(parsed: mergedManifest[key]).rendered() == JSON(parsed: wholeManifest[key]).rendered(), "\(key)")
            #expect(mergedManifest[key] != nil, "merged manifest lacks \(key)")
        }
        // And the merge keeps the inputs the shards ran.
        let inputs = try FileManager.default.subpathsOfDirectory(atPath: whole + "/inputs").sorted()
        #expect(inputs.contains("agents/market.yaml"))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: merged + "/inputs").sorted() == inputs)
        #expect(try bytes(whole, "inputs/agents/market.yaml") == bytes(merged, "inputs/agents/market.yaml"))
    }

    @Test func anInvalidPointIsRecordedAndTheOthersRun() throws {
        let c = try context()
        let out = try sweep(c, jobs: 2)
        let runs = try rows(out, "runs.csv")
        let header = runs[0], body = runs.dropFirst()
        #expect(body.count == c.plan.count, "one row per planned run")
        let status = header.firstIndex(of: "status")!, message = header.firstIndex(of: "error")!, point = header.firstIndex(of: "point")!
        for row in body {
            if row[point] == "2" {
                #expect(row[status] == "invalid")
                #expect(row[message].contains("dealer.count: expected an integer in [1, 100], found 0"))
                #expect(row[(message + 1)...].allSatisfy { $0.isEmpty }, "no metrics for a run that did not run")
            } else {
                #expect(row[status] == "ok", "\(row[message])")
            }
        }
        let ts = try rows(out, "timeseries.csv").dropFirst()
        #expect(!ts.contains { $0[1] == "2" }, "an invalid run writes no time series")
        #expect(Set(ts.map { $0[0] }).count == c.plan.count - 6)
    }

    @Test func thinningKeepsEveryKthStepAndTheLastAndFlowsSumOverTheWindow() throws {
        let full = try context(Self.batch.replacingOccurrences(of: "every: 4", with: "every: 1"))
        let thin = try context()
        let a = try sweep(full, jobs: 2), b = try sweep(thin, jobs: 2)
        let steps = try rows(b, "timeseries.csv").dropFirst().filter { $0[0] == "1" }.map { Int($0[5])! }
        #expect(steps == [4, 8, 12, 14])
        // Flows of run 1: the thinned net units of each (step, sector, asset) equal the sum over its window.
        func flows(_ dir: String) throws -> [String: Double] {
            var out: [String: Double] = [:]
            for row in try rows(dir, "flows.csv").dropFirst() where row[0] == "1" {
                let step = Int(row[5])!, window = steps.first { $0 >= step }!
                out["\(window) \(row[6]) \(row[7])", default: 0] += Double(row[8])!
            }
            return out
        }
        let summed = try flows(a), thinned = try flows(b)
        #expect(Set(summed.keys) == Set(thinned.keys))
        for (key, value) in summed {
            #expect(abs(thinned[key]! - value) <= 1e-9 * max(1, abs(value)), "\(key)")
        }
    }

    @Test func summaryGivesLevelsAndPairedDifferencesOfTheRunsMetrics() throws {
        let c = try context()
        let out = try sweep(c, jobs: 2)
        let runs = try rows(out, "runs.csv"), summary = try rows(out, "summary.csv")
        let metric = runs[0].firstIndex(of: "return_crypto")!
        func value(_ point: String, _ rep: String, _ variant: String) -> Double {
            Double(runs.first { $0[1] == point && $0[2] == rep && $0[3] == variant }![metric])!
        }
        let diffs = ["1", "2"].map { value("3", $0, "no-boom") - value("3", $0, "main") }
        let expected = Statistics.meanInterval(diffs)
        // Columns: point, dealer.count, variant, statistic, metric, n, mean, sd, ci_low, ci_high.
        let row = summary.first { $0[0] == "3" && $0[2] == "no-boom" && $0[3] == "difference" && $0[4] == "return_crypto" }!
        #expect(row[5] == "2")
        #expect(Double(row[6])! == expected.mean)
        #expect(Double(row[8])! == expected.low && Double(row[9])! == expected.high)
        // A variant that sets a key to its own value is the same run on the same seed: differences are exactly 0.
        for r in summary where r[2] == "same" && r[3] == "difference" && r[0] != "2" {
            #expect(Double(r[6]) == 0, "\(r[4]) differs under common random numbers")
        }
        let invalid = summary.first { $0[0] == "2" && $0[2] == "main" && $0[3] == "level" }!
        #expect(invalid[5] == "0" && invalid[6].isEmpty, "no ok runs: n is 0 and no statistics")
    }

    @Test func everyBatchTableIsDocumented() throws {
        let doc = try String(contentsOfFile: Repository.path("docs/OUTPUT.md"), encoding: .utf8)
        let tables: [(String, [BatchColumns.Doc])] = [
            ("runs.csv", BatchColumns.runs), ("design.csv", BatchColumns.design), ("events.csv", BatchColumns.events),
            ("snapshots.csv", BatchColumns.snapshots), ("summary.csv", BatchColumns.summary), ("timings.csv", BatchColumns.timings),
        ]
        for (file, columns) in tables {
            let parts = doc.components(separatedBy: "### \(file)")
            try #require(parts.count == 2, "docs/OUTPUT.md has no section ### \(file)")
            let section = parts[1].components(separatedBy: "\n#")[0]
            for c in columns {
                #expect(section.contains("| `\(c.name)` | \(c.meaning) | \(c.unit) |"), "docs/OUTPUT.md lacks \(file): \(c.name)")
            }
            #expect(section.split(separator: "\n").filter { $0.hasPrefix("| `") }.count == columns.count, "\(file) documents columns not written")
        }
        // Headers written are the documented ones, patterns expanded.
        let c = try context()
        let out = try sweep(c, jobs: 2)
        #expect(try rows(out, "runs.csv")[0] == BatchColumns.header(BatchColumns.runs, keys: ["dealer.count"], assets: c.assets))
        #expect(try rows(out, "summary.csv")[0] == BatchColumns.header(BatchColumns.summary, keys: ["dealer.count"], assets: []))
        #expect(try rows(out, "events.csv")[0] == BatchColumns.events.map(\.name))
    }
}
