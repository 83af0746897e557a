import Config
import Foundation
import Simulation
import TestSupport
import Testing
@testable import Output

struct Abort: Error {}

@Suite struct RunWriterTests {
    func load(_ path: String) throws -> (Experiment, Rules) {
        let experiment = try Experiment.load(path)
        return (experiment, try Rules(experiment))
    }

    @Test func sameSeedGivesByteIdenticalTimeseries() throws {
        let (experiment, rules) = try load(Repository.experiment())
        let a = Repository.temporaryDirectory(), b = Repository.temporaryDirectory()
        _ = try RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 9, outDirectory: a)
        _ = try RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 9, outDirectory: b)
        let fileA = try Data(contentsOf: URL(fileURLWithPath: a + "/probe/timeseries.csv"))
        let fileB = try Data(contentsOf: URL(fileURLWithPath: b + "/probe/timeseries.csv"))
        #expect(fileA == fileB)
        #expect(!fileA.isEmpty)
    }

    @Test func aRunWritesOneRowPerStepWithTheDocumentedHeader() throws {
        let (experiment, rules) = try load(Repository.experiment(steps: 12))
        let out = Repository.temporaryDirectory()
        let (dir, _) = try RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 1, outDirectory: out)
        let rows = CSVReader.parse(try String(contentsOfFile: dir + "/timeseries.csv", encoding: .utf8))
        #expect(rows.count == 13)
        #expect(rows[0] == TimeseriesColumns.header(assets: rules.market.assets))
        #expect(rows[0].contains("yield_treasury") && !rows[0].contains("yield_crypto"), "yields for bonds only")
        #expect(rows.dropFirst().allSatisfy { $0.count == rows[0].count }, "every row fills the header")
        #expect(rows.dropFirst().map { $0[0] } == (1...12).map(String.init))
        let manifest = try String(contentsOfFile: dir + "/manifest.json", encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any]
        #expect(json?["seed"] as? Int == 1)
        #expect(json?["generator"] as? String == "taus2")
        #expect((json?["gsl_version"] as? String)?.isEmpty == false)
        #expect(json?["config"] != nil)
    }

    @Test func aRunThatFailsLeavesNoFinishedLookingOutput() throws {
        let (experiment, rules) = try load(Repository.experiment())
        let out = Repository.temporaryDirectory()
        #expect(throws: Abort.self) {
            try RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 1, outDirectory: out) { step in
                if step == 10 { throw Abort() }
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "nothing left behind, not even a partial directory")
    }

    @Test func aFailedRerunKeepsThePreviousFinishedRun() throws {
        let (experiment, rules) = try load(Repository.experiment())
        let out = Repository.temporaryDirectory()
        let (dir, _) = try RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 1, outDirectory: out)
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/timeseries.csv"))
        _ = try? RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 2, outDirectory: out) { if $0 == 5 { throw Abort() } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/timeseries.csv")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["probe"])
    }

    @Test(arguments: [("timeseries.csv", TimeseriesColumns.documented), ("flows.csv", FlowColumns.documented)])
    func everyColumnIsDocumented(file: String, columns: [(name: String, meaning: String, unit: String)]) throws {
        let doc = try String(contentsOfFile: Repository.path("docs/OUTPUT.md"), encoding: .utf8)
        let section = doc.components(separatedBy: "## \(file)")[1].components(separatedBy: "\n## ")[0]
        for column in columns {
            #expect(section.contains("| `\(column.name)` | \(column.meaning) | \(column.unit) |"), "docs/OUTPUT.md lacks \(file): \(column.name)")
        }
        let documentedRows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }.count
        #expect(documentedRows == columns.count, "docs/OUTPUT.md documents \(file) columns the writer does not write")
    }

    @Test func flowsNetToZeroAcrossSectors() throws {
        // A cash buffer above its cash makes the government auction bonds from the first step.
        let (experiment, rules) = try load(Repository.experiment(steps: 25, extra: "  government.cash_buffer: 1700"))
        let out = Repository.temporaryDirectory()
        let (dir, _) = try RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 3, outDirectory: out)
        let rows = CSVReader.parse(try String(contentsOfFile: dir + "/flows.csv", encoding: .utf8))
        #expect(rows[0] == FlowColumns.header)
        var net: [String: Double] = [:], gross: [String: Double] = [:]
        for row in rows.dropFirst() {
            net[row[0] + row[2], default: 0] += Double(row[3])!
            gross[row[0] + row[2], default: 0] += abs(Double(row[3])!)
        }
        #expect(net.count == 25 * rules.market.assets.count, "every asset traded every step")
        for (key, value) in net { #expect(abs(value) <= 1e-9 * gross[key]!, "step/asset \(key) nets to \(value)") }
        #expect(Set(rows.dropFirst().map { $0[1] }) == ["hedge_fund", "dealer", "retail", "government", "money_fund", "sovereign_fund", "real_money", "speculator", "long_only"])
    }
}

/// What killed runs leave behind is put right by the next run of the same name.
@Suite struct RunDirectoryRecoveryTests {
    func listing(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    @Test func aFinishedRunSetAsideByAKilledRunIsRestored() throws {
        let parent = Repository.temporaryDirectory(), dead = Processes.endedPID()
        try FileManager.default.createDirectory(atPath: parent + "/.probe.old-\(dead)", withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: parent + "/.probe.old-\(dead)/manifest.json"))
        try FileManager.default.createDirectory(atPath: parent + "/.probe.partial-\(dead)", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: parent + "/.probe.partial-1", withIntermediateDirectories: true)  // pid 1 runs
        let directory = try RunDirectory(parent: parent, name: "probe")
        #expect(try String(contentsOfFile: parent + "/probe/manifest.json", encoding: .utf8) == "old")
        #expect(listing(parent) == [".probe.partial-1", ".probe.partial-\(getpid())", "probe"], "a live process's folder is kept")
        directory.discard()
    }

    @Test func aNewRunReplacesTheOldInOneStepAndLeavesNothingElse() throws {
        let experiment = try Experiment.load(Repository.experiment(steps: 5))
        let rules = try Rules(experiment), out = Repository.temporaryDirectory()
        _ = try RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 1, outDirectory: out)
        let first = try Data(contentsOf: URL(fileURLWithPath: out + "/probe/timeseries.csv"))
        _ = try RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 2, outDirectory: out)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/probe/timeseries.csv")) != first)
        #expect(listing(out) == ["probe"])
    }
}
