import Batch
import Config
import Foundation
import Output
import Stochastics
import TestSupport
import Testing
@testable import Analysis

/// `drypowder compare DIR#P[:VARIANT] DIR#Q[:VARIANT]`: means over each side's ok runs, B - A, and its
/// interval, paired exactly when both sides ran on the same seeds.
@Suite struct PointComparisonTests {
    func sweep(_ extra: String) throws -> String {
        let experiment = try Experiment.load(Repository.experiment(steps: 20, retail: 150, extra: extra))
        let out = Repository.temporaryDirectory() + "/sweep"
        _ = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 5), into: SweepDirectory(out), options: .init(jobs: 2))
        return out
    }

    func column(_ dir: String, _ metric: String, point: String, variant: String = "main") throws -> [String: Double] {
        let rows = CSVReader.parse(try String(contentsOfFile: dir + "/runs.csv", encoding: .utf8)).filter { $0.count > 1 }
        let h = rows[0]
        let mine = rows.dropFirst().filter { $0[h.firstIndex(of: "point")!] == point && $0[h.firstIndex(of: "variant")!] == variant }
        return Dictionary(uniqueKeysWithValues: mine.map { ($0[h.firstIndex(of: "seed")!], Double($0[h.firstIndex(of: metric)!])!) })
    }

    @Test func aPointsVariantsArePairedOnTheirSeeds() throws {
        let dir = try sweep("replications: 4\nvariants:\n  calm: {set: {speculator.herding: 2}}\n")
        let c = try PointComparison(try #require(.init(dir + "#1")), try #require(.init(dir + "#1:calm")))
        #expect(c.paired && c.a.variant == "main" && c.b.variant == "calm")
        let a = try column(dir, "return_crypto", point: "1"), b = try column(dir, "return_crypto", point: "1", variant: "calm")
        let d = Statistics.meanInterval(a.keys.sorted().map { b[$0]! - a[$0]! })
        let row = try #require(c.rows.first { $0.metric == "return_crypto" })
        #expect(abs(row.difference - d.mean) < 1e-12 && abs(row.low - d.low) < 1e-12 && abs(row.high - d.high) < 1e-12)
        #expect(row.a.n == 4 && row.b.n == 4 && c.text.contains("paired on the same seeds"))
    }

    @Test func pointsOnTheirOwnSeedsAreComparedByWelch() throws {
        let dir = try sweep("replications: 3\nsweep:\n  parameters:\n    speculator.herding: [2, 3]\n")
        let c = try PointComparison(try #require(.init(dir + "#1")), try #require(.init(dir + "#2")))
        #expect(!c.paired && c.text.contains("Welch"))
        let a = Array(try column(dir, "return_crypto", point: "1").values), b = Array(try column(dir, "return_crypto", point: "2").values)
        let row = try #require(c.rows.first { $0.metric == "return_crypto" })
        let (va, vb) = (Statistics.variance(a) / 3, Statistics.variance(b) / 3)
        let dof = pow(va + vb, 2) / (va * va / 2 + vb * vb / 2)
        let half = Statistics.studentTQuantile(0.975, dof: dof) * (va + vb).squareRoot()
        #expect(abs(row.high - row.low - 2 * half) < 1e-12 && abs(row.difference - (Statistics.mean(b) - Statistics.mean(a))) < 1e-12)
        // With shared seeds the same points pair up.
        let shared = try sweep("replications: 3\nsweep:\n  seeds: shared\n  parameters:\n    speculator.herding: [2, 3]\n")
        #expect(try PointComparison(try #require(.init(shared + "#1")), try #require(.init(shared + "#2"))).paired)
        // A point or variant the sweep lacks is an error naming what it has.
        #expect(throws: AnalysisError.self) { try PointComparison(try #require(.init(dir + "#1")), try #require(.init(dir + "#7"))) }
        #expect(PointComparison.Side("out/seed-crash") == nil && PointComparison.Side("x#y") == nil)
    }
}
