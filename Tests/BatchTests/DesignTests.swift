import Config
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Batch

/// Designs and run plans: which configuration and seed each run gets.
@Suite struct DesignTests {
    func context(_ extra: String) throws -> BatchContext {
        let experiment = try Experiment.load(Repository.experiment(steps: 5, retail: 50, extra: extra))
        return try BatchContext(experiment: experiment, masterSeed: 42)
    }

    @Test func aGridIsTheProductOfItsFactorsWithZippedListsMovingTogether() throws {
        let c = try context("""
            sweep:
              parameters:
                money_fund.cash: [1000, 2000, 3000]
                leverage:
                  hedge_fund.value.max_leverage: [1, 2]
                  hedge_fund.crypto.max_leverage: [3, 4]
            """)
        #expect(c.design.count == 6)
        #expect(c.keys == ["money_fund.cash", "hedge_fund.value.max_leverage", "hedge_fund.crypto.max_leverage"])
        let rows = (1...6).map(c.design.values(at:))
        #expect(rows[0] == ["1000", "1", "3"])
        #expect(rows[1] == ["1000", "2", "4"], "the last factor varies fastest; zipped keys move together")
        #expect(rows[5] == ["3000", "2", "4"])
        #expect(Set(rows.map { $0.joined(separator: ",") }).count == 6)
    }

    @Test func aLatinHypercubePutsOnePointInEachStratumOfEveryRange() throws {
        let n = 17
        let yaml = """
            sweep:
              design: latin_hypercube
              points: \(n)
              parameters:
                money_fund.cash: {min: 0, max: 17}
                hyperscaler.capex_growth: {min: 0, max: 1.7}
            """
        let c = try context(yaml)
        #expect(c.design.count == n)
        let rows = (1...n).map { c.design.values(at: $0).map { Double($0)! } }
        #expect(Set(rows.map { Int($0[0]) }) == Set(0..<n), "each unit stratum of [0, 17] holds one point")
        #expect(Set(rows.map { Int($0[1] * 10) }) == Set(0..<n), "each stratum of [0, 1.7] holds one point")
        let again = try context(yaml)
        #expect((1...n).map(again.design.values(at:)) == (1...n).map(c.design.values(at:)), "the design derives from the master seed")
    }

    @Test func aSobolDesignMapsGSLsPointsOntoTheRangesOnTheirScales() throws {
        let c = try context("""
            sweep:
              design: sobol
              points: 8
              parameters:
                money_fund.cash: {min: 100, max: 10000, scale: log}
                dealer.count: {min: 1, max: 4, integer: true}
            """)
        let sobol = try SobolSequence(dimensions: 2)
        for p in 1...8 {
            let u = try sobol.next()
            let v = c.design.values(at: p)
            #expect(abs(log10(Double(v[0])!) - (2 + 2 * u[0])) < 1e-12)
            #expect(Int(v[1]) == 1 + Int(u[1] * 4))
        }
    }

    /// `points: 4` with two keys is four rows of A, B, A with the first key from B, A with the second:
    /// 16 points, each mapped onto its range (`SobolIndices.saltelliPoints`).
    @Test func aSaltelliDesignLaysOutRowsOfABAndTheirCrossings() throws {
        let c = try context("""
            sweep:
              design: saltelli
              points: 4
              parameters:
                money_fund.cash: {min: 0, max: 1000}
                hyperscaler.capex_growth: {min: 0, max: 1}
            """)
        #expect(c.design.count == 16)
        let unit = try SobolIndices.saltelliPoints(rows: 4, inputs: 2)
        for p in 1...16 {
            let v = c.design.values(at: p).map { Double($0)! }
            #expect(abs(v[0] - 1000 * unit[p - 1][0]) < 1e-9 && abs(v[1] - unit[p - 1][1]) < 1e-12)
        }
        let row = (1...4).map { c.design.values(at: 4 + $0) }  // the second row: A, B, AB_1, AB_2
        #expect(row[2] == [row[1][0], row[0][1]] && row[3] == [row[0][0], row[1][1]])
    }

    @Test func seedsDifferByPointAndReplicationAndAreSharedByVariants() throws {
        let c = try context("""
            replications: 4
            variants:
              calm: {events: []}
              tight: {set: {central_bank.max_move: 0.001}}
            sweep:
              parameters:
                money_fund.cash: [1000, 2000, 3000]
            """)
        let plan = c.plan
        #expect(plan.count == 3 * 4 * 3)
        let runs = (1...plan.count).map(plan.run)
        for group in stride(from: 0, to: runs.count, by: 3) {
            #expect(Set(runs[group..<group + 3].map(\.seed)).count == 1, "variants share a seed")
            #expect(runs[group..<group + 3].map(\.variant) == [0, 1, 2])
        }
        #expect(Set(runs.map(\.seed)).count == 12, "every (point, replication) has its own seed")
        #expect(runs.allSatisfy { $0.seed < 1 << 53 })
    }

    @Test func shardsPartitionTheRunsKeepingPairedVariantsTogether() throws {
        let plan = RunPlan(points: 5, replications: 3, variants: ["b"], masterSeed: 1)
        let shards = (1...4).map { plan.runs(shard: $0, of: 4) }
        #expect(shards.flatMap { $0 }.sorted() == Array(1...plan.count))
        for shard in shards {
            let groups = Set(shard.map { ($0 - 1) / 2 })
            #expect(shard.count == groups.count * 2, "both variants of a group sit in one shard")
        }
    }

    @Test(arguments: [
        ("sweep:\n  design: grid\n  parameters:\n    money_fund.cash: [1, 2]\n  pionts: 3", "sweep.pionts", "unknown key"),
        ("sweep:\n  parameters:\n    g:\n      money_fund.cash: [1, 2]\n      dealer.count: [1, 2, 3]", "sweep.parameters.g.dealer.count", "equal lengths"),
        ("variants:\n  main: {events: []}", "variants.main", "names the experiment itself"),
        ("sweep:\n  parameters:\n    run.seed: [1, 2]", "sweep.parameters.run.seed", "seeds are derived"),
        ("sweep:\n  design: sobol\n  points: 4\n  parameters:\n    dealer.count: {min: 1.2, max: 1.8, integer: true}", "sweep.parameters.dealer.count", "no whole number"),
        ("replications: 0", "replications", "expected an integer in [1, 1000000]"),
        ("sweep:\n  design: saltelli\n  parameters:\n    dealer.count: {min: 1, max: 3}", "sweep.points", "missing key"),
        ("sweep:\n  seeds: common\n  parameters:\n    money_fund.cash: [1, 2]", "sweep.seeds", "expected per_point or shared"),
        ("outputs: {tables: [timeseries, prices]}", "outputs.tables[1]", "expected one of"),
    ])
    func badBatchKeysAreConfigErrorsAtTheirLine(extra: String, key: String, message: String) throws {
        let file = Repository.experiment(steps: 5, retail: 50, extra: extra)
        #expect {
            try Experiment.load(file)
        } throws: { error in
            guard let errors = error as? ConfigErrors, let e = errors.errors.first else { return false }
            return e.keyPath == key && e.message.contains(message) && e.location.file == file && e.location.line > 0
        }
    }

    @Test func aSweptKeyThatDoesNotExistStopsTheSweepBeforeItStarts() throws {
        #expect(throws: ConfigErrors.self) {
            try context("sweep:\n  parameters:\n    money_fund.cashh: [1, 2]")
        }
    }
}
