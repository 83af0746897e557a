import Foundation
import TestSupport
import Testing

/// `drypowder sweep`, `plan` and `merge` as a user runs them, including a real SIGKILL.
@Suite(.serialized) struct SweepCLITests {
    static let batch = """
        replications: 6
        variants:
          no-boom: {events: []}
        sweep:
          parameters:
            money_fund.cash: [1540, 3040]
        events:
          - at: 5
            set: {hyperscaler.capex_growth: 3}
        """

    func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
    }

    @Test func aSweepKilledMidRunAndResumedWritesTheSameTables() throws {
        let experiment = Repository.experiment("killed", steps: 40, retail: 300, extra: Self.batch)
        let whole = Repository.temporaryDirectory() + "/whole", killed = Repository.temporaryDirectory() + "/killed"
        let r = try CLI.run(["sweep", experiment, "--out", whole, "--jobs", "2", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["sweep", experiment, "--out", killed, "--jobs", "2", "--quiet"]
        try process.run()
        // Kill it once a few runs are committed, well before the 24 are done.
        let parts = killed + "/parts"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let done = ((try? FileManager.default.contentsOfDirectory(atPath: parts)) ?? []).filter { Int($0) != nil }
            if done.count >= 3 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        try #require(!FileManager.default.fileExists(atPath: killed + "/manifest.json"), "killed before it finished")
        #expect(!FileManager.default.fileExists(atPath: killed + "/runs.csv"), "no table before the sweep finishes")

        let again = try CLI.run(["sweep", experiment, "--out", killed, "--jobs", "2"])
        #expect(again.status != 0, "without --resume a used directory is refused")
        let resumed = try CLI.run(["sweep", experiment, "--out", killed, "--jobs", "2", "--resume", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let tables = files(whole).filter { $0 != "timings.csv" }
        #expect(tables == ["design.csv", "events.csv", "flows.csv", "runs.csv", "summary.csv", "timeseries.csv"])
        for file in tables {
            let a = try Data(contentsOf: URL(fileURLWithPath: whole + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: killed + "/" + file))
            #expect(a == b, "\(file) differs after SIGKILL and --resume")
        }
        #expect(!FileManager.default.fileExists(atPath: killed + "/parts"))
    }

    /// A saltelli sweep on shared seeds, then its Sobol indices: one seed for every run, a row per key, and
    /// `sensitivity` refuses a grid sweep and a file it did not write.
    @Test func sensitivityGivesSobolIndicesOfASaltelliSweep() throws {
        let experiment = Repository.experiment("saltelli", steps: 10, retail: 100, extra: """
            variants:
              no-boom: {set: {hyperscaler.capex_growth: 0}}
            sweep:
              design: saltelli
              seeds: shared
              points: 4
              parameters:
                hyperscaler.capex_growth: {min: 0.5, max: 3}
                money_fund.cash: {min: 1540, max: 3040}
            """)
        let dir = Repository.temporaryDirectory() + "/saltelli"
        let swept = try CLI.run(["sweep", experiment, "--out", dir, "--quiet"])
        #expect(swept.status == 0, "\(swept.stderr)")
        func rows(_ file: String) throws -> [[String]] {  // these tables quote nothing
            try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let runs = try rows(dir + "/runs.csv")
        #expect(runs.count == 1 + 16 * 2 && Set(runs.dropFirst().map { $0[4] }).count == 1, "every run on one seed")
        let r = try CLI.run(["sensitivity", dir, "--output", "peak_yield_rise", "--against", "no-boom", "--resamples", "20"])
        #expect(r.status == 0, "\(r.stderr)")
        let table = try rows(dir + "/sensitivity.csv")
        #expect(table.map { $0[1] } == ["parameter", "hyperscaler.capex_growth", "money_fund.cash"])

        let grid = Repository.temporaryDirectory() + "/grid"
        #expect(try CLI.run(["sweep", Repository.experiment("grid", steps: 5, retail: 100, extra: Self.batch), "--out", grid,
                             "--quiet"]).status == 0)
        let refused = try CLI.run(["sensitivity", grid, "--output", "peak_yield_rise"])
        #expect(refused.status == 2 && refused.stderr.contains("Sobol indices need a saltelli design"), "\(refused.stderr)")
        try "mine\n".write(toFile: dir + "/mine.csv", atomically: true, encoding: .utf8)
        let kept = try CLI.run(["sensitivity", dir, "--output", "peak_yield_rise", "--out", dir + "/mine.csv"])
        let mine = try String(contentsOfFile: dir + "/mine.csv", encoding: .utf8)
        #expect(kept.status == 2 && mine == "mine\n", "\(kept.stderr)")
    }

    @Test func planCountsTheRunsASweepMakes() throws {
        let experiment = Repository.experiment("planned", steps: 6, retail: 100, extra: Self.batch)
        let plan = try CLI.run(["plan", experiment])
        #expect(plan.status == 0, "\(plan.stderr)")
        let count = try #require(plan.stdout.split(separator: " ").dropFirst().first.flatMap { Int($0) })
        #expect(plan.stdout.contains("\(count) runs = 2 points x 6 replications x 2 variants"))
        let out = Repository.temporaryDirectory() + "/s"
        let r = try CLI.run(["sweep", experiment, "--out", out, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let runs = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8).split(separator: "\n")
        #expect(runs.count - 1 == count)
    }

    @Test func aRunsSeedRepeatsItWithDrypowderRun() throws {
        let experiment = Repository.experiment("repeat", steps: 8, retail: 100, extra: Self.batch)
        let out = Repository.temporaryDirectory()
        #expect(try CLI.run(["sweep", experiment, "--out", out + "/s", "--quiet"]).status == 0)
        let sweep = CSVReaderLite.rows(try String(contentsOfFile: out + "/s/timeseries.csv", encoding: .utf8))
        // run 15 = point 2, replication 2, main
        let rows = sweep.dropFirst().filter { $0[0] == "15" }
        let seed = try #require(rows.first?[4])
        #expect(rows.first?[1] == "2" && rows.first?[3] == "main")
        let single = try CLI.run(["run", experiment, "--out", out + "/r", "--seed", seed, "--set", "money_fund.cash=3040", "--quiet"])
        #expect(single.status == 0, "\(single.stderr)")
        let alone = CSVReaderLite.rows(try String(contentsOfFile: out + "/r/repeat/timeseries.csv", encoding: .utf8)).dropFirst()
        #expect(Array(alone) == rows.map { Array($0.dropFirst(5)) })
    }

    @Test func failFastStopsWithExitOneAndResumeFinishes() throws {
        let experiment = Repository.experiment("fails", steps: 5, retail: 100, extra: """
            sweep:
              parameters:
                dealer.count: [2, 0, 3]
            """)
        let out = Repository.temporaryDirectory() + "/s"
        let r = try CLI.run(["sweep", experiment, "--out", out, "--jobs", "1", "--fail-fast"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("run 2 failed: invalid:") && r.stderr.contains("--resume"), "\(r.stderr)")
        let resumed = try CLI.run(["sweep", experiment, "--out", out, "--resume", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let runs = try String(contentsOfFile: out + "/runs.csv", encoding: .utf8)
        #expect(runs.split(separator: "\n").count == 4)
    }

    @Test func badShardsAndDirectoriesAreUsageErrors() throws {
        let experiment = Repository.experiment("usage", steps: 4, retail: 100)
        for arguments in [["sweep", experiment, "--out", Repository.temporaryDirectory() + "/x"], ["plan", experiment]] {
            let shard = try CLI.run(arguments + ["--shard", "4/3"])
            #expect(shard.status == 2 && shard.stderr.contains("'4/3' is invalid for '--shard <i/n>': expected i/n"),
                    "\(arguments[0]): \(shard.stderr)")
        }
        #expect(try CLI.run(["merge", Repository.temporaryDirectory(), "--out", Repository.temporaryDirectory() + "/m"]).status == 2)
        let help = try CLI.run(["sweep", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--resume") && help.stdout.contains("--shard"))
    }
}

/// Splits LF CSV without quoted fields (the time series has none).
enum CSVReaderLite {
    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
