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
        #expect(csv.split(separator: "\n").count == 16 && !csv.contains("\r"), "LF rows: header plus one per step")
        let manifest = try String(contentsOfFile: out + "/baseline/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"seed\": 5"))
        #expect(r.stdout.contains("crypto"))
        for table in ["timeseries.csv", "flows.csv"] {
            let read = TypedCSV.read(out + "/baseline/" + table)
            #expect(read.problems.isEmpty, "\(read.problems)")
        }
        #expect(TypedCSV.read(out + "/baseline/timeseries.csv").kinds["step"] == .whole)
    }

    @Test func aRunWhoseMarketHaltsWarnsAndSaysSoInItsManifest() throws {
        let out = Repository.temporaryDirectory()
        let experiment = Repository.experiment("tight", steps: 8, retail: 100)
        // An auction of 4 $tn at step 1 cannot clear within a 1% move of the Treasury's price.
        let r = try CLI.run(["run", experiment, "--out", out, "--set", "market.assets.treasury.daily_limit=0.01",
                             "--set", "government.cash_buffer=5000"])
        #expect(r.status == 0, "the run ran to the end: \(r.stderr)")
        // The test experiment's set: overrides retail.count, which the run notes first.
        let warnings = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("note: ") }.joined(separator: "\n")
        #expect(warnings.hasPrefix("warning: tight: market treasury halted at its daily limit at step 1"), "\(r.stderr)")
        #expect(r.stdout.contains("status ok; market treasury halted"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/tight/manifest.json"))) as? [String: Any]
        #expect(manifest?["status"] as? String == "ok" && (manifest?["halt_days"] as? Int ?? 0) > 0
                && (manifest?["halts"] as? String)?.contains("halted at its daily limit") == true)
        let fine = try CLI.run(["run", experiment, "--out", out, "--replace"])
        #expect(fine.status == 0 && fine.stderr.hasPrefix("note: tight's set: overrides 1 rule-file key (retail.count)")
                && fine.stderr.split(separator: "\n").count == 1 && fine.stdout.contains("status ok, no market halted"), "\(fine.stderr)")
    }

    @Test func aOneLetterFileNameIsReadLikeAnyOther() throws {
        let dir = Repository.temporaryDirectory()
        let text = try String(contentsOfFile: Repository.experiment(steps: 3, retail: 50), encoding: .utf8)
        try text.write(toFile: dir + "/a", atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", "a"], in: dir)
        #expect(r.status == 0 && r.stdout == "a: ok\n", "\(r.stderr)")
    }

    @Test func theSeedThatRanIsTheOneRecordedInFull() throws {
        let out = Repository.temporaryDirectory(), experiment = Repository.experiment("seeded", steps: 3, retail: 50)
        /// The manifest's seed and the resolved configuration's run.seed, as written.
        func manifest() throws -> [String] {
            try String(contentsOfFile: out + "/seeded/manifest.json", encoding: .utf8).split(separator: "\n")
                .filter { $0.contains("\"seed\":") }.map { $0.split(separator: ":")[1].trimmingCharacters(in: .init(charactersIn: " ,")) }
        }
        #expect(try CLI.run(["run", experiment, "--out", out, "--seed", "5", "--quiet"]).status == 0)
        #expect(try manifest() == ["5", "5"], "the resolved configuration says the seed that ran")
        #expect(try CLI.run(["run", experiment, "--out", out, "--set", "run.seed=9007199254740991", "--quiet", "--replace"]).status == 0)
        #expect(try manifest() == ["9007199254740991", "9007199254740991"], "recorded exactly, as an integer")
        for bad in ["-1", "9007199254740992", "18446744073709551615"] {
            let r = try CLI.run(["run", experiment, "--out", out, "--seed", bad, "--quiet"])
            #expect(r.status == 2 && r.stderr.contains("expected an integer in [0, 9007199254740991] (the range of run.seed), found \(bad)"),
                    "\(bad): \(r.stderr)")
        }
        let sweep = try CLI.run(["sweep", experiment, "--out", out + "/s", "--seed", "-1"])
        #expect(sweep.status == 2 && sweep.stderr.contains("found -1"))
    }

    @Test func anOutputFolderThatCannotBeMadeIsAUsageErrorWithItsReason() throws {
        let file = Repository.temporaryDirectory() + "/plain"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let experiment = Repository.experiment(steps: 3, retail: 50)
        for command in [["run", experiment], ["sweep", experiment]] {
            let r = try CLI.run(command + ["--out", file + "/out", "--quiet"])
            #expect(r.status == 2 && r.stderr == "error: cannot create directory \(file): not a directory\n", "\(command[0]): \(r.stderr)")
        }
    }

    /// Configurations that once failed at run time now run, or are refused at load naming the key.
    @Test(arguments: [
        ("market.assets.crypto.initial_price=10000", nil),
        ("hyperscaler.count=0", "hyperscaler.count: expected an integer in [1, 100], found 0"),
        ("hyperscaler.cost_sensitivity=1e300", "hyperscaler.cost_sensitivity: expected a number in [0, 1000]"),
        ("government.cash_buffer=1e300", "government.cash_buffer: expected a number in [0, 1000000]"),
        ("market.assets.hyperscaler_bond.initial_price=0.0015550702544793469", "a bond's initial yield, coupon / initial_price"),
        ("dealer.haircut_floor=0.9", "dealer.haircut_cap: expected haircut_cap >= haircut_floor (0.9), found 0.5"),
    ] as [(String, String?)])
    func aValidConfigurationRunsOrIsRefusedAtLoad(setting: String, refusal: String?) throws {
        let out = Repository.temporaryDirectory()
        let r = try CLI.run(["run", Repository.experiment("probe", steps: 30, retail: 200), "--out", out, "--quiet",
                             "--set", setting, "--set", "dealer.haircut_cap=0.5"])
        if let refusal {
            #expect(r.status == 2 && r.stderr.contains(refusal), "\(r.stderr)")
        } else {
            #expect(r.status == 0, "\(r.stderr)")
            let manifest = try String(contentsOfFile: out + "/probe/manifest.json", encoding: .utf8)
            #expect(manifest.contains("\"status\": \"ok\""))
        }
    }

    @Test func aScenarioEventCannotPutTheHaircutFloorAboveItsCap() throws {
        let experiment = Repository.experiment(steps: 10, retail: 50, extra: """
            events:
              - at: 4
                set: {dealer.haircut_floor: 0.9, dealer.haircut_cap: 0.5}
            """)
        let r = try CLI.run(["run", experiment, "--out", Repository.temporaryDirectory(), "--quiet"])
        #expect(r.status == 2 && r.stderr.contains("dealer.haircut_cap: expected haircut_cap >= haircut_floor (0.9), found 0.5"), "\(r.stderr)")
    }

    @Test func aConfigErrorExitsTwoAndWritesNothing() throws {
        let out = Repository.temporaryDirectory() + "/out"
        let r = try CLI.run(["run", "Experiments/baseline.yaml", "--out", out, "--set", "dealer.count=0"])
        #expect(r.status == 2)
        #expect(r.stderr == "--set dealer.count=0: error: dealer.count: expected an integer in [1, 100], found 0\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A second run into a folder holding a finished run of the same experiment is refused, keeping the
    /// first, unless --replace asks for it: two runs never overwrite each other silently.
    @Test func aFinishedRunIsReplacedOnlyWhenAsked() throws {
        let out = Repository.temporaryDirectory(), experiment = Repository.experiment("twice", steps: 3, retail: 50)
        #expect(try CLI.run(["run", experiment, "--out", out, "--seed", "1", "--quiet"]).status == 0)
        let first = try String(contentsOfFile: out + "/twice/manifest.json", encoding: .utf8)
        let again = try CLI.run(["run", experiment, "--out", out, "--seed", "2", "--quiet"])
        #expect(again.status == 2)
        #expect(again.stderr == "error: \(out)/twice holds a finished run: pass --replace to replace it, or --out another folder\n")
        #expect(try String(contentsOfFile: out + "/twice/manifest.json", encoding: .utf8) == first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["twice"], "nothing else written")
        #expect(try CLI.run(["run", experiment, "--out", out, "--seed", "2", "--quiet", "--replace"]).status == 0)
        #expect(try String(contentsOfFile: out + "/twice/manifest.json", encoding: .utf8).contains("\"seed\": 2"))
    }

    /// A run's manifest holds its scenario events (when, what they set, where they are written), so a
    /// run can be read without the experiment file.
    @Test func theManifestRecordsTheScenarioEvents() throws {
        let out = Repository.temporaryDirectory()
        let r = try CLI.run(["run", "Experiments/seed-crash.yaml", "--out", out, "--set", "run.steps=25", "--set", "retail.count=100"])
        #expect(r.status == 0, "\(r.stderr)")
        // Its set: overrides five rule-file keys, and the run says so: an edit to them would change nothing.
        #expect(r.stderr.hasPrefix("note: seed-crash's set: overrides 5 rule-file keys (sovereign_fund.cash, "
                                   + "retail.leveraged_fraction, retail.leverage, hedge_fund.value.max_leverage"), "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/seed-crash/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let events = try #require((manifest["config"] as? [String: Any])?["events"] as? [[String: Any]])
        let event = try #require(events.first)
        #expect((event["from"] as? NSNumber)?.intValue == 20)
        #expect(((event["set"] as? [String: Any])?["hyperscaler.capex_growth"] as? NSNumber)?.doubleValue == 1.0)
        #expect((event["written_at"] as? String)?.hasSuffix("seed-crash.yaml:\(Repository.line(of: "- at: 20", in: Repository.path("Experiments/seed-crash.yaml")))") == true, "\(event)")
    }

    /// `base:` from a folder of one's own, every path relative: the base's rule files stay relative to
    /// the base, the child's set: applies after the base's, and a rule file cannot be a base.
    @Test func aChildExperimentWithRelativePathsRunsFromItsFolder() throws {
        let dir = Repository.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/exp", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
        let market = try String(contentsOfFile: Repository.path("Agents/market.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "max_rounds: 5", with: "max_rounds: 4")
        try market.write(toFile: dir + "/rules/market.yaml", atomically: true, encoding: .utf8)
        try "description: base\nrun: {seed: 3, steps: 10, generator: taus2}\nagents:\n  market: ../rules/market.yaml\n"
            .write(toFile: dir + "/exp/base.yaml", atomically: true, encoding: .utf8)
        try "base: base.yaml\nrun: {steps: 4}\nset:\n  retail.count: 60\n"
            .write(toFile: dir + "/exp/child.yaml", atomically: true, encoding: .utf8)
        let explain = try CLI.run(["config", "exp/child.yaml", "--explain", "market.max_rounds"], in: dir)
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.hasPrefix("market.max_rounds = 4 before any event\n"), "\(explain.stdout)")
        let run = try CLI.run(["run", "exp/child.yaml", "--out", "out", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        try "base: ../rules/market.yaml\n".write(toFile: dir + "/exp/bad.yaml", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["config", "exp/bad.yaml", "--explain", "run.seed"], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("rule file, not an experiment: name it under agents: instead"),
                "\(bad.stderr)")
    }

    /// compare reads two run folders back from their CSV and agrees with what each run printed from
    /// its records: return, peak-to-trough and worst day per asset; a sweep folder is refused.
    @Test func compareSetsTwoRunsSideBySideAsTheyPrintedThemselves() throws {
        let out = Repository.temporaryDirectory()
        var printed: [[String: (String, String, String)]] = []
        for seed in ["1", "2"] {
            let r = try CLI.run(["run", "Experiments/baseline.yaml", "--out", out + "/s" + seed, "--seed", seed,
                                 "--set", "run.steps=25", "--set", "retail.count=200"])
            #expect(r.status == 0, "\(r.stderr)")
            var byAsset: [String: (String, String, String)] = [:]
            for line in r.stdout.split(separator: "\n") where line.contains("peak-to-trough") {
                let name = line.split(separator: ":")[0].trimmingCharacters(in: .whitespaces)
                let numbers = line.split(separator: "%").map { $0.split(separator: " ").last.map(String.init) ?? "" }
                byAsset[name] = (numbers[0].trimmingCharacters(in: .init(charactersIn: "(")), numbers[1], numbers[2])
            }
            printed.append(byAsset)
        }
        let r = try CLI.run(["compare", out + "/s1/baseline", out + "/s2/baseline"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = Dictionary(r.stdout.split(separator: "\n").map { line in
            let cells = line.split(separator: " ").map(String.init)
            return (cells[0], Array(cells.dropFirst()))
        }, uniquingKeysWith: { a, _ in a })
        #expect(!printed[0].isEmpty)
        for (asset, run1) in printed[0] {
            let run2 = try #require(printed[1][asset])
            #expect(rows["return_\(asset)"]?.prefix(3) == ["(%)", run1.0, run2.0], "\(asset): \(r.stdout)")
            #expect(rows["max_drawdown_\(asset)"]?.prefix(3) == ["(%)", run1.1, run2.1])
            #expect(rows["worst_day_\(asset)"]?.prefix(3) == ["(%)", run1.2, run2.2])
        }
        #expect(rows["status"] == ["ok", "ok"])
        let sweep = try CLI.run(["compare", out + "/s1/baseline", Repository.path("Experiments")])
        #expect(sweep.status == 2 && sweep.stderr.contains("not a finished run (no manifest.json)"), "\(sweep.stderr)")
    }

    /// --version names the commit of the checkout the program was built from, as manifests record it.
    @Test func versionNamesTheCommitItWasBuiltFrom() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", Repository.root, "rev-parse", "HEAD"]
        let pipe = Pipe()
        git.standardOutput = pipe
        try git.run()
        let head = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        git.waitUntilExit()
        #expect(head.count == 40, "git names this checkout's commit")
        #expect(r.stdout.hasPrefix("drypowder 0.1.0 (commit \(head)"), "\(r.stdout) vs \(head)")
        #expect(r.stdout.hasSuffix("from \(Repository.root))\n"))
    }

    /// Two easy mistakes get errors that say what the command needs, not what is missing from a file
    /// that was never meant for it.
    @Test func aRuleFileOrARunFolderGivenInsteadSaysWhatItIs() throws {
        let rule = try CLI.run(["run", "Agents/retail.yaml", "--out", Repository.temporaryDirectory()])
        #expect(rule.status == 2)
        let line = Repository.line(of: "count:", in: Repository.path("Agents/retail.yaml"))
        #expect(rule.stderr == "Agents/retail.yaml:\(line): error: this is the retail rule file, not an experiment: an "
                + "experiment names the rule files that differ from the project's under agents: (`drypowder describe experiment`)\n")
        let out = Repository.temporaryDirectory()
        #expect(try CLI.run(["run", "Experiments/baseline.yaml", "--out", out, "--set", "run.steps=5",
                             "--set", "retail.count=100"]).status == 0)
        let analyze = try CLI.run(["analyze", out + "/baseline"])
        #expect(analyze.status == 2)
        #expect(analyze.stderr.contains("is one run's folder (from `drypowder run`); analyze needs a sweep folder"), "\(analyze.stderr)")
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

    /// No phantom defaults: describe shows each key's value in the project's rule file, read from it
    /// (a value written there, whatever it is, appears beside its key), and never a "default".
    @Test func describeShowsTheShippedValues() throws {
        for file in Repository.files(in: "Agents") {
            let type = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            #expect(!(try CLI.run(["describe", type]).stdout.contains("default")), "describe \(type) prints a default")
        }
        let out = try CLI.run(["describe", "retail"]).stdout
        let retail = try String(contentsOfFile: Repository.path("Agents/retail.yaml"), encoding: .utf8)
        for key in ["switch_intensity", "leveraged_fraction", "count"] {
            let line = try #require(retail.split(separator: "\n").first { $0.hasPrefix(key + ":") })
            let value = line.dropFirst(key.count + 1).split(separator: "#")[0].trimmingCharacters(in: .whitespaces)
            let described = try #require(out.split(separator: "\n").first { $0.hasPrefix("  \(key): ") })
            #expect(described.contains("; shipped \(value)"), "\(described) lacks the file's \(value)")
        }
        let market = try CLI.run(["describe", "market"]).stdout
        #expect(market.contains("shipped crypto: crypto, treasury: bond"), "named sections list each name's value")
        #expect(try CLI.run(["describe", "phases"]).stdout.hasPrefix("| phase | name | what happens |"))
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
