import Foundation
import TestSupport
import Testing

/// The built `drypowder` executable, run as a user would.
struct CLI {
    static let executable = built("drypowder")

    /// A product built beside the test bundle (or in .build/debug).
    static func built(_ product: String) -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(product).path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return Repository.path(".build/debug/" + product)
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], in directory: String = Repository.root, executable: String = executable) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }
}

@Suite(.serialized) struct CLITests {
    @Test func validatePassesOnEveryShippedFile() throws {
        let files = Repository.files(in: "Agents") + Repository.files(in: "Experiments")
        let r = try CLI.run(["validate"] + files)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == files.count)
    }

    @Test func validateReportsErrorsLikeACompilerAndExitsTwo() throws {
        let dir = Repository.temporaryDirectory()
        let file = dir + "/hedge_fund.yaml"
        let text = try String(contentsOfFile: Repository.path("Agents/hedge_fund.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  max_leverage: 2 ", with: "  max_leverage: ten ")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("  max_leverage: ten") }) + 1
        let r = try CLI.run(["validate", file])
        #expect(r.status == 2)
        #expect(r.stderr == "\(file):\(line): error: crypto.max_leverage: expected a number in [0, 100], found \"ten\"\n")
    }

    @Test func runWritesTheCSVAndManifest() throws {
        let out = Repository.temporaryDirectory()
        let r = try CLI.run(["run", "Experiments/baseline.yaml", "--out", out, "--set", "run.steps=15",
                             "--set", "retail.count=300", "--seed", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: out + "/baseline/timeseries.csv", encoding: .utf8)
        #expect(csv.split(separator: "\r\n").count == 16, "CRLF rows: header plus one per step")
        let manifest = try String(contentsOfFile: out + "/baseline/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"seed\": 5"))
        #expect(r.stdout.contains("crypto"))
        #expect(FileManager.default.fileExists(atPath: out + "/baseline/flows.csv"))
    }

    @Test func aRunWhoseMarketFailsToClearWarnsAndSaysSoInItsManifest() throws {
        let out = Repository.temporaryDirectory()
        let experiment = Repository.experiment("tight", steps: 8, retail: 100)
        let r = try CLI.run(["run", experiment, "--out", out, "--set", "market.max_log_move=0.01"])
        #expect(r.status == 0, "the run ran to the end: \(r.stderr)")
        #expect(r.stderr.hasPrefix("warning: tight: market ") && r.stderr.contains("failed to clear at step"), "\(r.stderr)")
        #expect(r.stdout.contains("status failed_to_clear: market "))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/tight/manifest.json"))) as? [String: Any]
        #expect(manifest?["status"] as? String == "failed_to_clear" && (manifest?["error"] as? String)?.contains("failed to clear") == true)
        let fine = try CLI.run(["run", experiment, "--out", out])
        #expect(fine.status == 0 && fine.stderr.isEmpty && fine.stdout.contains("status ok"), "\(fine.stderr)")
    }

    @Test func aConfigErrorExitsTwoAndWritesNothing() throws {
        let out = Repository.temporaryDirectory() + "/out"
        let r = try CLI.run(["run", "Experiments/baseline.yaml", "--out", out, "--set", "dealer.count=0"])
        #expect(r.status == 2)
        #expect(r.stderr == "--set dealer.count=0: error: dealer.count: expected an integer in [1, 100], found 0\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func usageErrorsExitTwoAndHelpExitsZero() throws {
        let bare = try CLI.run([])
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("SUBCOMMANDS"))
        #expect(try CLI.run(["run"]).status == 2)
        #expect(try CLI.run(["frobnicate"]).status == 2)
        let help = try CLI.run(["run", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--set"))
    }

    @Test func describeListsEveryKeyOfAType() throws {
        let r = try CLI.run(["describe", "retail"])
        #expect(r.status == 0)
        for key in ["count", "cash", "initial_share", "trend_fraction", "trend_lookback", "trade_fraction", "noise_activity"] {
            #expect(r.stdout.contains("  \(key): "), "describe retail lacks \(key)")
        }
        #expect(try CLI.run(["describe", "nope"]).status == 2)
    }

    /// CI checks that `make bench` builds and runs: every section at tiny sizes (timings are not
    /// checked, only that each figure is reported and 1 and 2 jobs agree).
    @Test func theBenchmarkRunsAtTinySizes() throws {
        let bench = CLI.built("drypowder-bench")
        let r = try CLI.run(["--tiny"], executable: bench)
        #expect(r.status == 0, "\(r.stderr)")
        for figure in ["memory bandwidth", "retail phase", "agent-steps/s", "per market and round", "wall time",
                       "peak resident memory", "CSV writing", "speed-up from 1 to 2 jobs", "results identical)"] {
            #expect(r.stdout.contains(figure), "the benchmark reports no \(figure)")
        }
        let bad = try CLI.run(["--repetitions", "0"], executable: bench)
        #expect(bad.status != 0 && bad.stderr.contains("--repetitions"))
        #expect(try CLI.run(["retail", "nonsense"], executable: bench).status != 0)
    }
}
