import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Analysis

/// `drypowder sensitivity`'s reading of a saltelli sweep: a sweep folder written here by hand whose runs'
/// output is the Ishigami function of the design point, so the indices are known (SobolIndicesTests).
@Suite struct SensitivityTests {
    /// A saltelli sweep of `rows` rows: variant main's output is 10 + Ishigami, no-boom's 10 + 6 u3 (so
    /// main's effect is Ishigami less 6 u3, shifting the third input's share); runs of `failed` points fail.
    func sweep(rows: Int, failed: Set<Int> = [], design: String = "saltelli") throws -> String {
        let dir = Repository.temporaryDirectory() + "/sweep"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "{\"design\": \"\(design)\", \"seeds\": \"shared\", \"points\": \(rows * 5)}\n".write(toFile: dir + "/manifest.json", atomically: true, encoding: .utf8)
        let points = try SobolIndices.saltelliPoints(rows: rows, inputs: 3)
        var designCSV = "point,a.x1,a.x2,a.x3\n", runsCSV = "run_id,point,replication,variant,seed,status,error,score\n"
        for (p, u) in points.enumerated() {
            designCSV += "\(p + 1)," + u.map { String($0) }.joined(separator: ",") + "\n"
            let status = failed.contains(p + 1) ? "invalid" : "ok"
            runsCSV += "\(2 * p + 1),\(p + 1),1,main,7,\(status),,\(10 + Ishigami.value(u))\n"
            runsCSV += "\(2 * p + 2),\(p + 1),1,no-boom,7,ok,,\(10 + 6 * u[2])\n"
        }
        try designCSV.write(toFile: dir + "/design.csv", atomically: true, encoding: .utf8)
        try runsCSV.write(toFile: dir + "/runs.csv", atomically: true, encoding: .utf8)
        return dir
    }

    /// Levels of main: the Ishigami indices, within 0.05 at 2,048 rows (the estimators' bootstrap half-widths
    /// there are about 0.04; SobolIndicesTests checks the estimator itself more tightly).
    @Test func levelsGiveTheIshigamiIndices() throws {
        let report = try Sensitivity.run(directory: try sweep(rows: 2048), outputs: ["score"], variant: "main", against: nil,
                                         resamples: 100, seed: 1)
        #expect(report.rows.map(\.parameter) == ["a.x1", "a.x2", "a.x3"] && report.usedRows == 2048)
        for (i, row) in report.rows.enumerated() {
            #expect(abs(row.index.first - Ishigami.first[i]) < 0.05, "\(row.parameter): \(row.index)")
            #expect(abs(row.index.total - Ishigami.total[i]) < 0.05, "\(row.parameter): \(row.index)")
        }
    }

    /// Against no-boom the response is the paired difference, Ishigami - 6 u3: x3 now has a first-order
    /// effect, so its first-order index rises well above 0 while x2's keeps its exact share of a larger
    /// variance (it falls).
    @Test func anEffectIsThePairedDifference() throws {
        let dir = try sweep(rows: 1024)
        let level = try Sensitivity.run(directory: dir, outputs: ["score"], variant: "main", against: nil, resamples: 50, seed: 1)
        let effect = try Sensitivity.run(directory: dir, outputs: ["score"], variant: "main", against: "no-boom", resamples: 50, seed: 1)
        #expect(effect.rows[2].index.first > level.rows[2].index.first + 0.05, "\(effect.rows[2].index)")
        #expect(effect.rows[1].index.first < level.rows[1].index.first, "\(effect.rows[1].index)")
    }

    /// A row with a failed point is left out whole and reported; the CSV says how many rows were used.
    @Test func aFailedPointDropsItsRow() throws {
        let dir = try sweep(rows: 64, failed: [3, 12])  // rows 1 and 3
        let report = try Sensitivity.run(directory: dir, outputs: ["score"], variant: "main", against: nil, resamples: 10, seed: 1)
        #expect(report.usedRows == 62 && report.baseRows == 64)
        #expect(report.notes == ["2 of 64 design rows left out: a point's runs did not all end ok"])
        try Sensitivity.write(report, to: dir + "/sensitivity.csv")
        let lines = try String(contentsOfFile: dir + "/sensitivity.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4 && lines[0] == Sensitivity.header.joined(separator: ",") && lines[1].hasPrefix("score,a.x1,62,"))
    }

    /// Other designs and unknown outputs or variants are refused by name.
    @Test func otherSweepsAreRefused() throws {
        let grid = try sweep(rows: 4, design: "grid")
        #expect(throws: AnalysisError.self) {
            try Sensitivity.run(directory: grid, outputs: ["score"], variant: "main", against: nil, resamples: 1, seed: 1)
        }
        let dir = try sweep(rows: 4)
        for (output, variant) in [("nope", "main"), ("score", "qe")] {
            let error = #expect(throws: AnalysisError.self) {
                try Sensitivity.run(directory: dir, outputs: [output], variant: variant, against: nil, resamples: 1, seed: 1)
            }
            #expect("\(error!)".contains(output == "nope" ? "has no column nope" : "has no variant qe"), "\(error!)")
        }
    }

    /// docs/OUTPUT.md documents every column of sensitivity.csv.
    @Test func everyColumnIsDocumented() throws {
        let doc = try String(contentsOfFile: Repository.path("docs/OUTPUT.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "### sensitivity.csv"), "docs/OUTPUT.md has no section ### sensitivity.csv")
        let section = doc[start.upperBound...]
        for column in Sensitivity.header { #expect(section.contains("| `\(column)` |"), "docs/OUTPUT.md lacks \(column)") }
    }
}
