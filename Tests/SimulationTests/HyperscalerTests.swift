import Config
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Economy
@testable import Simulation

@Suite struct HyperscalerTests {
    func world(seed: UInt64 = 1, _ overrides: [String]) throws -> World {
        let parsed = try overrides.map { try Override.parse(commandLine: $0) }
        return World(rules: try Rules(try Experiment.load(Repository.experiment(steps: 60), overrides: parsed)), seed: Seed(seed))
    }

    func sold(_ record: StepRecord, _ asset: Int) -> Double {
        -(record.flows.first { $0.sector == "hyperscaler" && $0.asset == asset }?.netUnits ?? 0)
    }

    @Test func theWaterfallSellsTreasuriesBeforeIssuingBonds() throws {
        // Each firm holds 40 $bn of Treasuries (0.68% of 29.6 $tn, split over 5) and keeps a 20 $bn cash
        // buffer (and, here, no Treasury reserve). With 10 of cash the ~10 gap is met by Treasury sales
        // alone; with no cash and a 60 buffer the Treasuries run out and the rest is borrowed by issuing
        // bonds at the clearing price.
        var some = try world(["hyperscaler.cash=10", "hyperscaler.cash_buffer=20", "hyperscaler.treasury_buffer=0"])
        let r1 = try some.advance()
        #expect(sold(r1, some.governmentBond) > 0 && r1.hyperscalerBondsIssued == 0)
        var none = try world(["hyperscaler.cash=0", "hyperscaler.cash_buffer=60", "hyperscaler.treasury_buffer=0"])
        let r2 = try none.advance()
        #expect(none.hyperscalers.allSatisfy { $0.units[none.governmentBond] < 1e-6 }, "all Treasuries sold")
        #expect(r2.hyperscalerBondsIssued > 0 && sold(r2, none.hyperscalerBond) == r2.hyperscalerBondsIssued)
        let owed = none.hyperscalers.reduce(0) { $0 + $1.bondsOwed }
        #expect(abs(owed - none.outstanding[none.hyperscalerBond]) < 1e-6, "the new bonds are the firms' liability")
        // With a 30 $bn reserve of Treasuries each firm sells only the 10 above it, then borrows.
        var reserve = try world(["hyperscaler.cash=0", "hyperscaler.cash_buffer=60", "hyperscaler.treasury_buffer=30"])
        let r3 = try reserve.advance()
        let b = reserve.governmentBond
        #expect(reserve.hyperscalers.allSatisfy { abs($0.units[b] * r3.prices[b] - 30) < 30 * 0.05 }, "the reserve is kept (at the new price)")
        #expect(r3.hyperscalerBondsIssued > r2.hyperscalerBondsIssued, "and more is borrowed")
        #expect(r2.capex > 0 && r2.accountingError < 1e-9)
    }

    @Test func capexFallsAsTheCostOfCapitalRises() {
        var r = RuleReader(try! YAMLLoader.load(file: Repository.path("Agents/hyperscaler.yaml")), section: "hyperscaler")
        var rules = HyperscalerRules(&r)
        rules.costSensitivity = 10
        let firm = Hyperscaler(cash: 0, units: [0], bond: 0, bondsOwed: 0, plannedCapex: 1e6)
        let bills = [0.05, 0.06, 0.08].map { firm.capexBill(yield: $0, initialYield: 0.05, rules: rules) }
        #expect(bills[0] == 1e6 && bills[0] > bills[1] && bills[1] > bills[2])
        #expect(abs(bills[1] - 1e6 * exp(-0.1)) < 1e-6, "one point of yield cuts capex by 10 log points")
    }

    @Test func memoryDividendsFollowCapex() throws {
        // Capex growing at 300% a year pays memory holders more than a flat plan, and on the same
        // seeds its value investors expect more and the price ends higher: memory sells into the boom.
        for seed: UInt64 in 1...3 {
            var low = try world(seed: seed, []), high = try world(seed: seed, ["hyperscaler.capex_growth=3"])
            let memory = low.rules.market.assets.firstIndex { $0.name == "memory" }!
            var paid = (0.0, 0.0)
            for _ in 1...60 { paid.0 += try low.advance().dividends; paid.1 += try high.advance().dividends }
            #expect(paid.1 > paid.0)
            #expect(high.prices[memory] > low.prices[memory], "seed \(seed)")
        }
    }
}
