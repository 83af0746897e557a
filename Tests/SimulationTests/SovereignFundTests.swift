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
    let called = ["sovereign_fund.cash=50", "ai_lab.commitment=100", "ai_lab.call_rate=0.01", "sovereign_fund.liquidity_weight=0"]

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

    @Test func byPriceImpactAloneItSellsWhatItsSalesMoveLeastFirst() throws {
        // No call at step 1; from step 2 the same call, ranked by its holdings over step 1's traded value.
        let events = "events:\n  - at: 2\n    set: { ai_lab.commitment: 100 }"
        var w = try world(extra: events, ["sovereign_fund.cash=50", "ai_lab.call_rate=0.01", "sovereign_fund.liquidity_weight=1"])
        _ = try w.advance()
        let held = w.units(of: .sovereignFund)
        let impact = { (a: Int) in held[a] * w.prices[a] / w.tradedValue[a] }
        let least = w.prices.indices.filter { held[$0] > 0 && w.tradedValue[$0] > 0 }.min { impact($0) < impact($1) }!
        let r = try w.advance()
        #expect(r.capitalCalls > 0)
        #expect(sales(r).keys.contains(least) && sales(r)[least]! > 0, "\(sales(r)), least impact \(least)")
    }

    @Test func aBlendedRankingWeighsConvictionAgainstHowThinAMarketIs() throws {
        // Conviction lists crypto first and SaaS third. When crypto did not trade yesterday and SaaS traded
        // far more than anything else, half weight on price impact puts SaaS first (score 0.5 x 0.4 + 0.5 x 0
        // against crypto's 0.5 x 0 + 0.5 x 0.8); conviction alone keeps crypto first.
        var w = try world(["sovereign_fund.liquidity_weight=0.5"])
        _ = try w.advance()
        let crypto = w.rules.market.assets.firstIndex { $0.name == "crypto" }!, saas = w.rules.market.assets.firstIndex { $0.name == "saas" }!
        w.tradedValue = w.prices.indices.map { $0 == crypto ? 0 : ($0 == saas ? 1e12 : 1) }
        #expect(w.sellRanking().first == .asset(saas), "\(w.sellRanking())")
        w.rules.sovereignFund.liquidityWeight = 0
        #expect(w.sellRanking().first == .asset(crypto), "\(w.sellRanking())")
    }

    @Test func aFlushFundBuysItsStrategicHoldingsAndAFundMeetingCallsDoesNot() throws {
        var flush = try world(["sovereign_fund.cash=500"])
        let r = try flush.advance()
        #expect(sales(r).values.allSatisfy { $0 < 0 } && !sales(r).isEmpty, "it only buys")
        var calledWorld = try world(called)
        #expect(try sales(calledWorld.advance()).values.allSatisfy { $0 > 0 }, "it only sells")
    }
}
