import Economy
import Foundation
import Stochastics

/// Everything a run evolves: the agents' balance sheets, the markets' prices, the random streams.
public struct World {
    /// The rules in force this step (scenario events replace them in phase 1).
    public internal(set) var rules: Rules
    /// Rule changes still to come, in step order.
    var pendingChanges: [Scenario.Change]
    public internal(set) var step = 0
    public internal(set) var prices: [Double]
    /// Log prices of past steps, newest last, for trend and volatility measures.
    public internal(set) var history: [[Double]]
    /// Dealers' haircut per asset, set in phase 5 from recent volatility.
    public internal(set) var haircuts: [Double]
    public internal(set) var hedgeFunds: [HedgeFund]
    public internal(set) var dealers: [Dealer]
    public internal(set) var retail: RetailPopulation
    public internal(set) var government: Government
    public internal(set) var moneyFunds: [MoneyFund]
    public internal(set) var centralBank: CentralBank
    /// The overnight repo rate set by the funding market at the end of the last step.
    public internal(set) var repoRate: Double
    /// Nominal spending into the economy per past step, newest last: what the central bank's
    /// reaction function measures growth on.
    var spending: [Double] = []
    /// Index of the bond the government issues.
    public let governmentBond: Int
    /// Units outstanding per asset (bonds grow by issuance).
    public internal(set) var outstanding: [Double]
    /// Index of the asset retail traders trade.
    public let retailAsset: Int
    let initialCash: Double
    let retailStream: RandomStream

    /// Builds the initial state. Heterogeneity is drawn from streams derived from `seed` per sector,
    /// so adding agents to one sector never changes another sector's draws.
    public init(rules: Rules, seed: Seed) {
        self.init(scenario: Scenario(base: rules), seed: seed)
    }

    public init(scenario: Scenario, seed: Seed) {
        let rules = scenario.base
        self.rules = rules
        pendingChanges = scenario.changes
        let assets = rules.market.assets
        let initialPrices = assets.map(\.initialPrice)
        prices = initialPrices
        history = [initialPrices.map { log($0) }]
        haircuts = assets.map { _ in rules.dealer.haircutFloor }
        outstanding = assets.map(\.supply)
        let governmentBond = assets.firstIndex { $0.name == rules.government.bond }!
        self.governmentBond = governmentBond
        government = Government(cash: rules.government.initialCash, bondsOutstanding: assets[governmentBond].supply)
        let mfStream = RandomStream(seed: seed.child("init.money_fund"), generator: rules.run.generator)
        // Money funds start at the allocation their rule wants at the initial price, bought from dealers.
        let bond = assets[governmentBond], p0 = bond.initialPrice
        let cb = rules.centralBank
        centralBank = CentralBank(policyRate: cb.initialRate, bonds: cb.initialBondShare * bond.supply)
        repoRate = cb.initialRate - cb.floorSpread
        moneyFunds = (0..<rules.moneyFund.count).map { _ in
            var fund = MoneyFund(cash: rules.moneyFund.cash.draw(mfStream, within: .nonNegative))
            let units = max(fund.demand(coupon: bond.coupon, overnight: cb.initialRate - cb.floorSpread, rules: rules.moneyFund)(p0), 0)
            fund.bonds = units
            fund.cash -= units * p0
            return fund
        }

        let hf = rules.hedgeFund, dr = rules.dealer
        let hfStream = RandomStream(seed: seed.child("init.hedge_fund"), generator: rules.run.generator)
        hedgeFunds = (0..<hf.count).map { i in
            let capital = hf.capital.draw(hfStream, within: .positive)
            let units = assets.map { hf.initialShare * $0.supply / Double(hf.count) }
            let cost = zip(units, initialPrices).reduce(0) { $0 + $1.0 * $1.1 }
            let noise = assets.map { _ in hfStream.gaussian(sd: hf.beliefDispersion) }
            // Holdings beyond the fund's capital start financed by its broker.
            return HedgeFund(cash: max(capital - cost, 0), units: units, loan: max(cost - capital, 0),
                             broker: i % dr.count, beliefNoise: noise, anchors: assets.map(\.anchorValue))
        }

        let rr = rules.retail
        let retailAsset = assets.firstIndex { $0.name == rr.asset }!
        self.retailAsset = retailAsset
        let retailInit = RandomStream(seed: seed.child("init.retail"), generator: rules.run.generator)
        let retailUnits = rr.count > 0 ? rr.initialShare * assets[retailAsset].supply / Double(rr.count) : 0
        retail = RetailPopulation(
            cash: (0..<rr.count).map { _ in rr.cash.draw(retailInit, within: .nonNegative) },
            units: Array(repeating: retailUnits, count: rr.count),
            maxLeverage: (0..<rr.count).map { _ in
                retailInit.bernoulli(rr.leveragedFraction) ? rr.leverage.draw(retailInit, within: .atLeast(1)) : 1
            },
            strategy: (0..<rr.count).map { _ in
                let u = retailInit.uniform()
                return u < rr.trendFraction ? .trend : (u < rr.trendFraction + rr.fundamentalFraction ? .fundamental : .noise)
            })
        retailStream = RandomStream(seed: seed.child("retail"), generator: rules.run.generator)

        let fundShare = hf.count > 0 ? hf.initialShare : 0, retailShare = rr.count > 0 ? rr.initialShare : 0
        // What the dealers hold of the bond bounds what money funds can start with.
        let dealerBonds = (1 - fundShare - cb.initialBondShare - (governmentBond == retailAsset ? retailShare : 0)) * bond.supply
        let wanted = moneyFunds.reduce(0) { $0 + $1.bonds }
        if wanted > dealerBonds {
            for m in moneyFunds.indices {
                let keep = moneyFunds[m].bonds * dealerBonds / wanted
                moneyFunds[m].cash += (moneyFunds[m].bonds - keep) * p0
                moneyFunds[m].bonds = keep
            }
        }
        let moneyFundBonds = moneyFunds.reduce(0) { $0 + $1.bonds }, centralBankBonds = centralBank.bonds
        var dealers = (0..<dr.count).map { _ in
            let units = assets.indices.map { a in
                ((1 - fundShare - (a == retailAsset ? retailShare : 0)) * assets[a].supply
                    - (a == governmentBond ? moneyFundBonds + centralBankBonds : 0)) / Double(dr.count)
            }
            return Dealer(cash: dr.capital, units: units, targetUnits: units)
        }
        for d in dealers.indices { dealers[d].cash += moneyFundBonds * p0 / Double(dr.count) }
        for fund in hedgeFunds where fund.loan > 0 {
            dealers[fund.broker].cash -= fund.loan
            dealers[fund.broker].marginLoans += fund.loan
        }
        self.dealers = dealers
        initialCash = hedgeFunds.reduce(0) { $0 + $1.cash } + dealers.reduce(0) { $0 + $1.cash } + retail.cash.reduce(0, +)
            + government.cash + moneyFunds.reduce(0) { $0 + $1.cash }
    }
}
