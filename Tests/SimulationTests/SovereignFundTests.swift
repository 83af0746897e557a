import Config
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Simulation

@Suite struct SovereignFundTests {
    func world(extra: String = "", _ overrides: [String]) throws -> World {
        let parsed = try overrides.map { try Override.parse(commandLine: $0) }
        return World(scenario: try Scenario(try Experiment.load(Repository.experiment(steps: 20, extra: extra), overrides: parsed)),
                     seed: Seed(5))
    }

    func sales(_ r: StepRecord) -> [Int: Double] {
        Dictionary(uniqueKeysWithValues: r.flows.filter { $0.sector == "sovereign_fund" }.map { ($0.asset, -$0.netUnits) })
    }

    /// Funds holding only their buffer in cash, and 1.5 $bn each called at step 1 (3 labs x 100 x 1%):
    /// less than each fund's crypto (3 $bn at step-0 prices).
    let called = ["sovereign_fund.cash=50", "ai_lab.commitment=100", "ai_lab.call_rate=0.01"]

    @Test(arguments: [["crypto", "saas", "memory", "hyperscaler_bond", "treasury"], ["saas", "crypto", "memory", "hyperscaler_bond", "treasury"]])
    func aFundWithoutSpareCashSellsItsFirstRankedHolding(ranking: [String]) throws {
        var w = try world(called + ["sovereign_fund.conviction=[\(ranking.joined(separator: ","))]"])
        let r = try w.advance()
        let first = w.rules.market.assets.firstIndex { $0.name == ranking[0] }!
        #expect(Set(sales(r).keys) == [first], "only the first-ranked holding is sold: \(sales(r))")
        #expect(r.flows.first { $0.sector == "sovereign_fund" }!.forcedUnits > 0, "a forced sale")
        #expect(abs(r.capitalPaid - r.capitalCalls) < 1e-6 * r.capitalCalls, "the call is met within the step")
        #expect(r.accountingError < 1e-9)
    }

    @Test func underTheLiquidityRuleItSellsTheMostTradedAssetFirst() throws {
        // No call at step 1; from step 2 the same call, ranked by step 1's traded value.
        let events = "events:\n  - at: 2\n    set: { ai_lab.commitment: 100 }"
        var w = try world(extra: events, ["sovereign_fund.cash=50", "ai_lab.call_rate=0.01", "sovereign_fund.sell_order=liquidity"])
        _ = try w.advance()
        let mostTraded = w.tradedValue.indices.max { w.tradedValue[$0] < w.tradedValue[$1] }!
        let r = try w.advance()
        #expect(r.capitalCalls > 0)
        #expect(sales(r).keys.contains(mostTraded) && sales(r)[mostTraded]! > 0, "\(sales(r)), most traded \(mostTraded)")
    }

    @Test func aFlushFundBuysItsStrategicHoldingsAndAFundMeetingCallsDoesNot() throws {
        var flush = try world(["sovereign_fund.cash=500"])
        let r = try flush.advance()
        #expect(sales(r).values.allSatisfy { $0 < 0 } && !sales(r).isEmpty, "it only buys")
        var calledWorld = try world(called)
        #expect(try sales(calledWorld.advance()).values.allSatisfy { $0 > 0 }, "it only sells")
    }
}
