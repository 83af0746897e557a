import Config
import Foundation
import Stochastics
import Testing
import TestSupport
@testable import Economy

/// The rules of `type` as the project's rule file (Agents/<type>.yaml) sets them.
func shippedRules<T>(_ type: String, _ make: (inout RuleReader) -> T) -> T {
    let node = try! YAMLLoader.load(file: Repository.path("Agents/\(type).yaml"))
    var r = RuleReader(node, section: type)
    let rules = make(&r)
    try! r.finish()
    return rules
}

@Suite struct AgentTests {
    let fundRules = shippedRules("hedge_fund") { HedgeFundRules(&$0) }

    /// A one-asset market: a bond paying 4 a year at 100 (a 4% yield) when `bond`, else crypto.
    func inputs(bond: Bool = false, trend: Double = 0, repo: Double = 0.03, expected: Double = 0.035) -> SignalInputs {
        let asset = AssetSpec(name: "x", kind: bond ? .bond : .crypto, supply: 1e6, initialPrice: 100, anchorValue: 100,
                              coupon: bond ? 4 : 0, dailyLimit: 0.5)
        return SignalInputs(assets: [asset], trend: [trend], repoRate: repo, expectedRate: expected)
    }

    func oneAsset(_ strategy: Strategy) -> StrategyRules {
        var rules = fundRules[strategy]
        rules.assets = ["x"]
        return rules
    }

    @Test func valueFundBuysBelowItsBeliefAndHoldsNothingAbove() {
        let fund = HedgeFund(cash: 1000, units: [0], broker: 0, beliefNoise: [0], anchors: [100])
        let demand = fund.demand(asset: 0, inputs(), prices: [100], haircut: 0.1, creditLine: 1e6, rules: oneAsset(.value))
        #expect(demand(120) == 0, "no long position above the believed value")
        #expect(demand(80) > 0)
        #expect(demand(60) > demand(80), "demand falls as the price rises")
    }

    @Test func leverageIsCappedByTheRuleByTheHaircutAndByCredit() {
        var rules = oneAsset(.value)
        rules.maxLeverage = 3
        let fund = HedgeFund(cash: 1000, units: [0], broker: 0, beliefNoise: [0], anchors: [100])
        let ownCap = fund.demand(asset: 0, inputs(), prices: [100], haircut: 0.1, creditLine: 1e6, rules: rules)(1)
        #expect(abs(ownCap - 3000) < 1e-9, "hugely undervalued: positions of 3x equity, the fund's own cap")
        let haircutCap = fund.demand(asset: 0, inputs(), prices: [100], haircut: 0.5, creditLine: 1e6, rules: rules)(1)
        #expect(abs(haircutCap - 2000) < 1e-9, "a 50% haircut allows 2x equity")
        let creditCap = fund.demand(asset: 0, inputs(), prices: [100], haircut: 0.1, creditLine: 500, rules: rules)(1)
        #expect(abs(creditCap - 1500) < 1e-9, "purchases limited to cash plus the credit line")
        rules.assets = ["x", "y"]
        let shared = fund.demand(asset: 0, inputs(), prices: [100], haircut: 0.1, creditLine: 1e6, rules: rules)(1)
        #expect(abs(shared - 1500) < 1e-9, "two assets share the cap")
    }

    @Test func cryptoFundBuysIntoARiseAndSellsIntoAFall() {
        let fund = HedgeFund(strategy: .crypto, cash: 0, units: [10], broker: 0, beliefNoise: [0], anchors: [100])
        let rules = oneAsset(.crypto)  // equity 1000: base 0.3x holds 3 units at 100
        let flat = fund.demand(asset: 0, inputs(trend: 0), prices: [100], haircut: 0.1, creditLine: 1e6, rules: rules)(100)
        #expect(abs(flat - (rules.baseExposure * 1000 / 100 - 10)) < 1e-9, "a flat trend holds the base exposure")
        let up = fund.demand(asset: 0, inputs(trend: 0.1), prices: [100], haircut: 0.1, creditLine: 1e6, rules: rules)(100)
        let down = fund.demand(asset: 0, inputs(trend: -0.1), prices: [100], haircut: 0.1, creditLine: 1e6, rules: rules)(100)
        #expect(up > flat && down < flat)
        #expect(abs(down + 10) < 1e-9, "a fall of 10% takes the base exposure to zero (aggressiveness 3): it sells everything")
    }

    @Test func basisFundCutsItsPositionAsRepoRises() {
        let fund = HedgeFund(strategy: .basis, cash: 1000, units: [0], broker: 0, beliefNoise: [0], anchors: [100])
        let rules = oneAsset(.basis)
        func held(repo: Double) -> Double {
            fund.demand(asset: 0, inputs(bond: true, repo: repo), prices: [100], haircut: 0.05, creditLine: 1e6, rules: rules)(100)
        }
        #expect(held(repo: 0.03) > held(repo: 0.035), "less carry, smaller position")
        // Exposure is base + aggressiveness x carry: none once the repo rate passes the bond's 4% yield
        // by base / aggressiveness.
        let zero = 0.04 + rules.baseExposure / rules.aggressiveness
        #expect(held(repo: zero + 0.001) == 0, "carry too negative: no position")
        let cheap = fund.demand(asset: 0, inputs(bond: true), prices: [100], haircut: 0.05, creditLine: 1e6, rules: rules)
        #expect(cheap(99) > cheap(100), "a lower price means more carry: demand falls as the price rises")
    }

    @Test func macroFundSellsDurationWhenTheCentralBankPointsHigher() {
        let fund = HedgeFund(strategy: .macro, cash: 1000, units: [5], broker: 0, beliefNoise: [0], anchors: [100])
        let rules = oneAsset(.macro)
        func order(expected: Double) -> Double {
            fund.demand(asset: 0, inputs(bond: true, expected: expected), prices: [100], haircut: 0.1, creditLine: 1e6, rules: rules)(100)
        }
        #expect(order(expected: 0.03) > 0, "a yield well above the expected policy rate: buys")
        #expect(order(expected: 0.045) == -5, "the bank's rule points above the yield: sells all")
    }

    @Test func aRedemptionSaleIsProRataAndRaisesTheAmount() {
        let fund = HedgeFund(cash: 0, units: [10, 30], loan: 0, broker: 0, beliefNoise: [0, 0], anchors: [100, 50])
        let sale = fund.proRataSale(of: 500, prices: [100, 50])
        #expect(abs(sale[0] * 100 + sale[1] * 50 - 500) < 1e-9)
        #expect(abs(sale[0] / 10 - sale[1] / 30) < 1e-12, "the same fraction of every position")
        #expect(fund.proRataSale(of: 1e9, prices: [100, 50]) == [10, 30], "never more than it holds")
    }

    @Test func marginCallSaleRestoresTheRequirementExactly() {
        // 100 units at 10 with a loan of 800: equity 200, positions 1000. A 25% haircut requires the
        // loan to be at most 750, so the fund must sell x with 800 - 10x = 0.75 (1000 - 10x): x = 20.
        let fund = HedgeFund(cash: 0, units: [100], loan: 800, broker: 0, beliefNoise: [0], anchors: [10])
        let x = fund.marginCallSale(asset: 0, prices: [10], haircut: 0.25)
        #expect(abs(x - 20) < 1e-9)
        var after = fund
        after.book.add(-x, to: .units(0))
        after.book.add(x * 10, to: .claim(.marginLoan))
        #expect(abs(after.marginCallSale(asset: 0, prices: [10], haircut: 0.25)) < 1e-9)
        #expect(fund.marginCallSale(asset: 0, prices: [10], haircut: 0.2) == 0, "within a 20% requirement")
    }

    @Test func haircutsRiseWithVolatilityBetweenFloorAndCap() {
        let rules = shippedRules("dealer") { DealerRules(&$0) }
        #expect(rules.haircut(volatility: 0) == rules.haircutFloor)
        #expect(rules.haircut(volatility: 0.03) > rules.haircut(volatility: 0.02))
        #expect(rules.haircut(volatility: 10) == rules.haircutCap)
    }

    /// Cash 100 and 5 units at 10 (equity 150) at a 10% haircut: positions up to 1,500 in all, so however
    /// far the price falls it buys no more than its capital carries; it never sells more than it holds.
    @Test func dealerNeverSellsMoreThanItHoldsNorBuysBeyondItsCapital() {
        let rules = shippedRules("dealer") { DealerRules(&$0) }
        let dealer = Dealer(cash: 100, units: [5], targetUnits: [5])
        let demand = dealer.demand(asset: 0, reference: 10, depthUnits: 1e9, prices: [10], haircuts: [0.1], budget: 1,
                                   rules: rules)
        #expect(demand(1000) >= -5)
        #expect(abs(demand(0.01) * 0.01 * 0.1 - (150 - 5)) < 1e-9, "the free capital, 145, carries the new units")
        #expect(demand(10) == 0, "no trade at the reference price with inventory on target")
    }

    /// Equity 150 (cash 10,000 of which 9,900 borrowed in repo, 5 units at 10) carries positions worth
    /// equity / haircut: at a 10% haircut 1,500, so a price far below the reference buys up to 1500 / p
    /// units in all, not the depth's more; at 50%, a fifth of that. What it could still finance shrinks in
    /// the same proportion.
    @Test func dealerCapitalCarriesItsInventoryAtTheHaircut() {
        let rules = shippedRules("dealer") { DealerRules(&$0) }
        var dealer = Dealer(cash: 10_000, units: [5], targetUnits: [5])
        dealer.book.add(-9_900, to: .claim(.repo))
        func position(_ haircut: Double, at p: Double) -> Double {
            5 + dealer.demand(asset: 0, reference: 10, depthUnits: 1e6, prices: [10], haircuts: [haircut], budget: 1,
                              rules: rules)(p)
        }
        #expect(abs(position(0.1, at: 8) - (5 + 145 / 0.1 / 8)) < 1e-9)
        #expect(abs(position(0.5, at: 8) - (5 + 125 / 0.5 / 8)) < 1e-9)
        #expect(abs(dealer.equity([10]) - 150) < 1e-12)
        #expect(abs(dealer.capacity(asset: 0, prices: [10], haircuts: [0.1]) - (150 - 5) / 0.1) < 1e-9)
        #expect(abs(dealer.capacity(asset: 0, prices: [10], haircuts: [0.5]) - (150 - 25) / 0.5) < 1e-9)
    }

    /// Two markets clear at once from one balance sheet: their budgets split the free capital, so together
    /// they never tie up more than it (equity 200, 20 units of each at 10 and a 10% haircut: 160 free, 3/4
    /// to the first market, 1/4 to the second); beyond capital (haircuts of 60%: 240 used) both sell in
    /// proportion, together exactly down to the equity.
    @Test func aDealersMarketsShareItsCapital() {
        let rules = shippedRules("dealer") { DealerRules(&$0) }
        let dealer = Dealer(cash: -200, units: [20, 20], targetUnits: [20, 20])
        func order(_ a: Int, _ haircuts: [Double], budget: Double, at p: Double) -> Double {
            dealer.demand(asset: a, reference: 10, depthUnits: 1e6, prices: [10, 10], haircuts: haircuts, budget: budget,
                          rules: rules)(p)
        }
        let bought = [order(0, [0.1, 0.1], budget: 0.75, at: 5), order(1, [0.1, 0.1], budget: 0.25, at: 5)]
        #expect(abs(bought[0] * 5 * 0.1 - 120) < 1e-9 && abs(bought[1] * 5 * 0.1 - 40) < 1e-9, "\(bought)")
        let sold = [order(0, [0.6, 0.6], budget: 0.75, at: 10), order(1, [0.6, 0.6], budget: 0.25, at: 10)]
        let after = zip([20.0, 20], sold).reduce(0) { $0 + 0.6 * ($1.0 + $1.1) * 10 }
        #expect(abs(after - 200) < 1e-9 && sold[0] < 0 && abs(sold[0] - sold[1]) < 1e-12, "\(sold)")
    }

    /// A dealer whose inventory ties up more capital than it has (haircuts rose) sells down to what its
    /// equity carries, wherever its depth and inventory target would keep it: 100 units at 10 financed
    /// by an overdraft of 950 leave equity 50, which at a 10% haircut carries 500 of the 1,000.
    @Test func dealerBeyondItsCapitalSellsDownToIt() {
        let rules = shippedRules("dealer") { DealerRules(&$0) }
        let dealer = Dealer(cash: -950, units: [100], targetUnits: [100])
        let order = dealer.demand(asset: 0, reference: 10, depthUnits: 10, prices: [10], haircuts: [0.1], budget: 1,
                                  rules: rules)
        #expect(abs(order(10) - (100 * 50 / 100 - 100)) < 1e-9)
        #expect(order(10) < 0 && order(9) == order(10), "sells down to what its equity at the morning's marks carries")
    }

    /// Its share of an auction is bid in full at the concession below the reference, half of it halfway,
    /// none at the reference (depth zero, inventory on target: the bid is all it orders).
    @Test func dealerBidsForItsAuctionShareAtAConcession() {
        let rules = shippedRules("dealer") { DealerRules(&$0) }
        let dealer = Dealer(cash: 1e4, units: [5], targetUnits: [5])
        let c = rules.auctionConcession
        let bid = dealer.demand(asset: 0, reference: 100, depthUnits: 0, prices: [100], haircuts: [0.1], budget: 1,
                                auction: 2, rules: rules)
        #expect(bid(100) == 0)
        #expect(abs(bid(100 * exp(-c / 2)) - 1) < 1e-9)
        #expect(abs(bid(100 * exp(-c)) - 2) < 1e-9 && abs(bid(100 * exp(-2 * c)) - 2) < 1e-9)
    }

    @Test func trendFollowersBuyInAnUptrendAndSellInADowntrend() {
        var rules = shippedRules("retail") { RetailRules(&$0) }
        rules.tradeFraction = 0.5
        var pop = RetailPopulation(cash: [100, 100], units: [10, 10], maxLeverage: [1, 1], strategy: [.trend, .trend])
        let stream = RandomStream(seed: Seed(1))
        pop.submitOrders(price: 10, trend: 0.1, previousTrend: 0, mispricing: 0, rules: rules, stream: stream)
        #expect(pop.buyCash == [50, 50] && pop.sellUnits == [0, 0])
        pop.submitOrders(price: 10, trend: -0.1, previousTrend: 0, mispricing: 0, rules: rules, stream: stream)
        #expect(pop.buyCash == [0, 0] && pop.sellUnits == [5, 5])
    }

    @Test func trendFollowersTradeWhenTheTrendTurnsAndHoldWhileItLasts() {
        var rules = shippedRules("retail") { RetailRules(&$0) }
        rules.tradeFraction = 0.5
        var pop = RetailPopulation(cash: [100, 100], units: [10, 10], maxLeverage: [1, 1], strategy: [.trend, .trend])
        let stream = RandomStream(seed: Seed(1))
        pop.submitOrders(price: 10, trend: 0.1, previousTrend: -0.05, mispricing: 0, rules: rules, stream: stream)
        #expect(pop.buyCash == [50, 50], "the trend turned up: they buy")
        pop.submitOrders(price: 10, trend: 0.2, previousTrend: 0.1, mispricing: 0, rules: rules, stream: stream)
        #expect(pop.buyCash == [0, 0] && pop.sellUnits == [0, 0], "it lasts: they hold")
        #expect(pop.signals[1] == 1, "their position still counts the trend's sign for their profitability")
        pop.submitOrders(price: 10, trend: -0.1, previousTrend: 0.2, mispricing: 0, rules: rules, stream: stream)
        #expect(pop.sellUnits == [5, 5], "it turned down: they sell")
    }

    @Test func fundamentalistsTradeOnlyOutsideTheirBand() {
        var rules = shippedRules("retail") { RetailRules(&$0) }
        rules.tradeFraction = 0.5
        rules.fundamentalBand = 0.1
        var pop = RetailPopulation(cash: [100], units: [10], maxLeverage: [1], strategy: [.fundamental])
        let stream = RandomStream(seed: Seed(1))
        pop.submitOrders(price: 10, trend: 0.5, previousTrend: 0, mispricing: 0.05, rules: rules, stream: stream)
        #expect(pop.buyCash == [0] && pop.sellUnits == [0], "inside the band, and blind to the trend")
        pop.submitOrders(price: 10, trend: 0, previousTrend: 0, mispricing: 0.2, rules: rules, stream: stream)
        #expect(pop.buyCash == [50])
        pop.submitOrders(price: 10, trend: 0, previousTrend: 0, mispricing: -0.2, rules: rules, stream: stream)
        #expect(pop.sellUnits == [5])
    }

    @Test func noiseTradersTradeAtTheConfiguredRate() {
        // 20,000 noise traders with activity 0.3: each side's count is Binomial(n, 0.15), sd ~ 50;
        // 5 sd tolerance.
        var rules = shippedRules("retail") { RetailRules(&$0) }
        rules.noiseActivity = 0.3
        let n = 20_000
        var pop = RetailPopulation(cash: .init(repeating: 1, count: n), units: .init(repeating: 1, count: n),
                                   maxLeverage: .init(repeating: 1, count: n), strategy: .init(repeating: .noise, count: n))
        pop.submitOrders(price: 1, trend: 0, previousTrend: 0, mispricing: 0, rules: rules, stream: RandomStream(seed: Seed(2)))
        let buyers = pop.buyCash.filter { $0 > 0 }.count, sellers = pop.sellUnits.filter { $0 > 0 }.count
        let sd = (Double(n) * 0.15 * 0.85).squareRoot()
        #expect(abs(Double(buyers) - 0.15 * Double(n)) < 5 * sd)
        #expect(abs(Double(sellers) - 0.15 * Double(n)) < 5 * sd)
    }

    @Test func distributionDrawsStayInTheirBoundAndMatchTheirMean() {
        let stream = RandomStream(seed: Seed(3))
        let normal = (0..<10_000).map { _ in DistributionSpec.normal(mean: 0.1, sd: 1).draw(stream, within: .unitInterval) }
        #expect(normal.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Lognormal parameterised by the drawn value's mean and sd: mean 5, sd 2; SE = 2/sqrt(n) = 0.02.
        let logn = (0..<10_000).map { _ in DistributionSpec.lognormal(mean: 5, sd: 2).draw(stream) }
        #expect(abs(Statistics.mean(logn) - 5) < 5 * 0.02)
        #expect(abs(Statistics.sd(logn) - 2) < 0.15, "sd of the sample sd for a lognormal with cv 0.4 at n=1e4 is ~0.02; 0.15 is loose")
    }
}
