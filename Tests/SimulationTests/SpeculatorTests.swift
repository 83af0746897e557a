import Config
import Economy
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Simulation

/// Speculators, the sector added as data (`Sources/Simulation/Sectors/Speculators.swift`): orders within
/// their books, a fixed number of draws a day, and strategy regimes from herding.
@Suite struct SpeculatorTests {
    func setUp(_ overrides: [String] = []) throws -> (Speculators.Rules, MarketView) {
        let parsed = try overrides.map { try Override.parse(commandLine: $0) }
        let all = try Simulation.Rules(try Experiment.load(Repository.experiment(), overrides: parsed))
        let assets = all.market.assets, p0 = assets.map(\.initialPrice)
        let market = MarketView(step: 1, assets: assets, prices: p0, initialPrices: p0, repoRate: 0.03, policyRate: 0.04,
                                outstanding: assets.map(\.supply), firstRound: true, governmentBond: 1,
                                issuerLeverage: assets.map { _ in 0 }, initialIssuerLeverage: assets.map { _ in 0 })
        return (all.sectors[Speculators.type] as! Speculators.Rules, market)
    }

    /// Each pool orders in its own market only, in the first round only, never selling more than it holds
    /// or buying more than its cash pays for, however large its demand.
    @Test func ordersStayWithinThePoolsBook() throws {
        let (rules, market) = try setUp(["speculator.markets.crypto.order_size=1"])
        var sector = Speculators(rules: rules, market: market, stream: RandomStream(seed: Seed(1)))
        let crypto = market.assets.firstIndex { $0.name == "crypto" }!
        let stream = RandomStream(seed: Seed(2))
        for _ in 0..<200 {
            sector.beginDay(market: market, values: market.prices, rules: rules, stream: stream)
            let orders = sector.orders(asset: crypto, market: market, rules: rules)
            #expect(orders.count <= 1)
            for order in orders {
                let book = sector.books[order.agent]
                for p in [50.0, 100, 200] {
                    let q = order.quantity(p)
                    #expect(q >= -book.units[crypto] - 1e-12 && q * p <= book.cash + 1e-9, "\(q) at \(p)")
                }
            }
        }
        let later = MarketView(step: 2, assets: market.assets, prices: market.prices, initialPrices: market.initialPrices,
                               repoRate: 0.03, policyRate: 0.04, outstanding: market.outstanding, firstRound: false,
                               governmentBond: 1, issuerLeverage: market.issuerLeverage,
                               initialIssuerLeverage: market.initialIssuerLeverage)
        #expect(sector.orders(asset: crypto, market: later, rules: rules).isEmpty, "later rounds: no orders")
    }

    /// Common random numbers: a day takes 2 + `count` draws per pool whatever the prices, so variants that
    /// move prices differently keep the same draws.
    @Test func aDayTakesTheSameDrawsWhateverThePrices() throws {
        let (rules, market) = try setUp()
        let cheap = MarketView(step: 1, assets: market.assets, prices: market.prices.map { $0 / 2 },
                               initialPrices: market.initialPrices, repoRate: 0.03, policyRate: 0.04,
                               outstanding: market.outstanding, firstRound: true, governmentBond: 1,
                               issuerLeverage: market.issuerLeverage, initialIssuerLeverage: market.initialIssuerLeverage)
        let (a, b) = (RandomStream(seed: Seed(3)), RandomStream(seed: Seed(3)))
        var one = Speculators(rules: rules, market: market, stream: RandomStream(seed: Seed(1)))
        var two = one
        one.beginDay(market: market, values: market.prices, rules: rules, stream: a)
        two.beginDay(market: cheap, values: market.prices, rules: rules, stream: b)
        #expect(a.uniform() == b.uniform())
    }

    /// With herding strong enough for either strategy to hold the majority (3, shipped), a pool of 50 is
    /// bistable: as the mispricing swings between 0 and 0.3 log points (a 500-day cycle) its
    /// fundamentalists' share jumps between the regimes and is rarely in between. Without herding (0) the
    /// share follows 1 / (1 + exp(0.327 - 18.43 x mispricing^2)) smoothly, from 0.42 to 0.79, mostly in
    /// between. Shares of days in (0.3, 0.7) over 2,000 days: at most 0.2 with herding, at least 0.5
    /// without (binomial noise of a share of 50 is sd 0.07 at most: these are far from the bounds).
    @Test func herdingMakesRegimes() throws {
        func shares(herding: Double) throws -> [Double] {
            let (rules, market) = try setUp(["speculator.herding=\(herding)"])
            var sector = Speculators(rules: rules, market: market, stream: RandomStream(seed: Seed(1)))
            let stream = RandomStream(seed: Seed(4))
            return (0..<2000).map { t in
                let mispricing = 0.15 * (1 - cos(2 * Double.pi * Double(t) / 500))
                sector.beginDay(market: market, values: market.prices.map { $0 * exp(mispricing) }, rules: rules, stream: stream)
                return sector.fundamentalistShares[0]
            }
        }
        func between(_ xs: [Double]) -> Double { Double(xs.filter { $0 > 0.3 && $0 < 0.7 }.count) / Double(xs.count) }
        let herding = try shares(herding: 3), none = try shares(herding: 0)
        #expect(herding.contains { $0 < 0.3 } && herding.contains { $0 > 0.7 } && between(herding) < 0.2, "\(between(herding))")
        #expect(between(none) > 0.5, "\(between(none))")
    }
}
