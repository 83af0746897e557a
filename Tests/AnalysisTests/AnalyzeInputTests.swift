import Config
import Foundation
import Output
import TestSupport
import Testing
import Batch
@testable import Analysis

/// `analyze` never deletes what it did not write, and refuses a damaged sweep, naming the file:
/// first by the digests the sweep's manifest records, and row by row where a sweep records none.
@Suite struct AnalyzeInputTests {
    static let batch = """
        replications: 2
        sweep:
          parameters:
            money_fund.cash: [1540, 3040]
        outputs: {tables: [timeseries, flows], every: 1}
        """

    func sweep() throws -> String {
        let experiment = try Experiment.load(Repository.experiment(steps: 12, retail: 100, extra: Self.batch))
        let out = Repository.temporaryDirectory() + "/sweep"
        _ = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 5), into: SweepDirectory(out), options: .init(jobs: 1))
        return out
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    func write(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: false, encoding: .utf8) }
    func listing(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    /// The sweep as an older drypowder wrote it: a manifest without table digests.
    func forgetDigests(_ dir: String) throws {
        var manifest = try ManifestFile.object(dir + "/manifest.json")
        manifest["tables"] = nil
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: dir + "/manifest.json"))
    }

    /// analyze's error on `dir` (nil when it succeeds); it must leave no analysis behind.
    func refusal(_ dir: String) -> String? {
        do {
            _ = try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings())
            return nil
        } catch {
            #expect(!listing(dir).contains("analysis"), "a refused analysis left \(listing(dir + "/analysis"))")
            return "\(error)"
        }
    }

    @Test func theSweepItselfOrAFolderWithOtherFilesIsRefusedAndKept() throws {
        let dir = try sweep()
        let before = listing(dir)
        #expect(throws: AnalysisError.self) { try Analysis.run(directory: dir, out: dir, settings: AnalysisSettings()) }
        #expect(listing(dir) == before, "the sweep is untouched")
        let mine = Repository.temporaryDirectory()
        try write("x\n", mine + "/thesis.tex")
        do {
            _ = try Analysis.run(directory: dir, out: mine, settings: AnalysisSettings())
            Issue.record("a folder holding thesis.tex was accepted")
        } catch {
            #expect("\(error)".contains("thesis.tex") && "\(error)".contains("choose another --out"), "\(error)")
        }
        #expect(try listing(mine) == ["thesis.tex"] && text(mine + "/thesis.tex") == "x\n")
        // An earlier analysis is replaced, and only analyze's files are there afterwards.
        _ = try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings())
        let first = try text(dir + "/analysis/statistics.csv")
        let report = try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings(burnIn: 3))
        #expect(listing(dir + "/analysis") == ["analysis.json", "statistics.csv", "statistics_summary.csv"])
        #expect(try text(dir + "/analysis/statistics.csv") != first && report.files.count == 3)
        // One written by an earlier version (its summary was summary.csv) is replaced as a whole.
        try write("old\n", dir + "/analysis/summary.csv")
        _ = try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings())
        #expect(listing(dir + "/analysis") == ["analysis.json", "statistics.csv", "statistics_summary.csv"])
    }

    /// Each kind of damage, as a function of the sweep directory.
    static let damages: [(name: String, damage: @Sendable (String) throws -> Void, rowByRow: String)] = [
        ("timeseries cut at a row boundary", { dir in
            let lines = try String(contentsOfFile: dir + "/timeseries.csv", encoding: .utf8).split(separator: "\n")
            try (lines.prefix(lines.count / 2 - 1).joined(separator: "\n") + "\n").write(toFile: dir + "/timeseries.csv", atomically: false, encoding: .utf8)
        }, "has no rows of run"),
        ("price_crypto column deleted", { dir in
            let rows = CSVReader.parse(try String(contentsOfFile: dir + "/timeseries.csv", encoding: .utf8))
            let i = rows[0].firstIndex(of: "price_crypto")!
            try rows.map { r in var r = r; r.remove(at: i); return r.joined(separator: ",") + "\n" }.joined()
                .write(toFile: dir + "/timeseries.csv", atomically: false, encoding: .utf8)
        }, "has no column price_crypto"),
        ("a NaN price", { dir in
            var lines = try String(contentsOfFile: dir + "/timeseries.csv", encoding: .utf8).components(separatedBy: "\n")
            let i = lines[0].split(separator: ",").firstIndex(of: "price_crypto")!
            var fields = lines[5].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[i] = "nan"
            lines[5] = fields.joined(separator: ",")
            try lines.joined(separator: "\n").write(toFile: dir + "/timeseries.csv", atomically: false, encoding: .utf8)
        }, "timeseries.csv:6: column"),
        ("an inf in flows", { dir in
            var lines = try String(contentsOfFile: dir + "/flows.csv", encoding: .utf8).components(separatedBy: "\n")
            var fields = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[fields.count - 2] = "inf"
            lines[3] = fields.joined(separator: ",")
            try lines.joined(separator: "\n").write(toFile: dir + "/flows.csv", atomically: false, encoding: .utf8)
        }, "flows.csv:4: column"),
        ("one duplicated row", { dir in
            var lines = try String(contentsOfFile: dir + "/timeseries.csv", encoding: .utf8).components(separatedBy: "\n")
            lines.insert(lines[7], at: 7)
            try lines.joined(separator: "\n").write(toFile: dir + "/timeseries.csv", atomically: false, encoding: .utf8)
        }, "timeseries.csv:9: repeats the row before it"),
        ("a timeseries row moved", { dir in
            var lines = try String(contentsOfFile: dir + "/timeseries.csv", encoding: .utf8).components(separatedBy: "\n")
            lines.insert(lines.remove(at: 3), at: 6)
            try lines.joined(separator: "\n").write(toFile: dir + "/timeseries.csv", atomically: false, encoding: .utf8)
        }, "a row repeated or out of order"),
        ("runs.csv truncated", { dir in
            let lines = try String(contentsOfFile: dir + "/runs.csv", encoding: .utf8).split(separator: "\n")
            try (lines.prefix(3).joined(separator: "\n") + "\n").write(toFile: dir + "/runs.csv", atomically: false, encoding: .utf8)
        }, "has 2 runs, manifest.json records 4"),
    ]

    @Test(arguments: 0..<damages.count)
    func aDamagedSweepIsRefusedNamingTheFile(damage: Int) throws {
        let (name, damage, rowByRow) = Self.damages[damage]
        let dir = try sweep()
        try damage(dir)
        let byDigest = try #require(refusal(dir), "\(name): accepted")
        #expect(byDigest.contains(dir) && (byDigest.contains("manifest records") || byDigest.contains(rowByRow)), "\(name): \(byDigest)")
        // Without the digests (a sweep an older drypowder wrote), the rows themselves give it away.
        try forgetDigests(dir)
        let byRows = try #require(refusal(dir), "\(name): accepted row by row")
        #expect(byRows.contains(rowByRow), "\(name): \(byRows)")
    }

    @Test func anUndamagedSweepWithoutDigestsIsAnalysedWithANote() throws {
        let dir = try sweep()
        try forgetDigests(dir)
        let report = try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings())
        #expect(report.analysed == 4 && report.skipped.contains { $0.contains("no table digests") })
    }
}
