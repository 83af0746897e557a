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
    public internal(set) var hyperscalers: [Hyperscaler]
    public internal(set) var realEconomy: RealEconomy
    public internal(set) var sovereignFunds: [SovereignFund]
    public internal(set) var aiLabs: [AILab]
    /// The household sector: deposits, money-fund shares; it funds the retail traders' accounts.
    public internal(set) var household: Household
    /// The sectors added as data, in `Sectors.registered` order.
    var addedSectors: [AddedSector] = []
    /// Each added sector's own stream for its daily draws (`Sector.beginDay`).
    var sectorStreams: [RandomStream] = []
    /// Value traded per asset in the last step (price x volume): the liquidity sovereign funds rank by.
    var tradedValue: [Double]
    /// The overnight repo rate set by the funding market at the end of the last step.
    public internal(set) var repoRate: Double
    /// The goods price level at the close of each past step (1 at step 0) and the output gap of each
    /// step, newest last: what the central bank measures inflation and the gap on.
    var priceLevels: [Double] = [1]
    var outputGaps: [Double] = []
    /// Dividends per step of each asset in total, smoothed: what fundamental investors expect, and
    /// what they expected at step 0.
    var expectedDividends: [Double]
    let initialDividends: [Double]
    /// Hyperscalers' operating cash flow per step (cloud services and compute sold), smoothed like
    /// expected dividends; and their bond's issuer leverage at step 0 (`issuerLeverage()`).
    var hyperscalerIncome: Double
    var initialIssuerLeverage: [Double] = []
    /// Index of the bond the government issues, and of the bond hyperscalers issue.
    public let governmentBond: Int
    public let hyperscalerBond: Int
    /// Units outstanding per asset (bonds grow by issuance).
    public internal(set) var outstanding: [Double]
    /// Index of the asset retail traders trade.
    public let retailAsset: Int
    /// Cash of all agents at step 0: what all agents' cash, the central bank's (minus what it created)
    /// included, sums to at every step.
    var initialCash = 0.0
    /// The size of the economy at step 0: every agent's cash in absolute value plus every asset at its
    /// initial price. Rounding tolerances of the accounting check are relative to it (total cash can
    /// be negative, since dealers may start overdrawn by the margin loans they extend).
    var moneyScale = 1.0
    /// The largest imbalance of any ledger entry this step, relative to its quantity's scale, and the
    /// entry's name (rounding only, or a bug the stock-flow check reports).
    var ledgerImbalance: (size: Double, entry: Entry.Label, item: Book.Item) = (0, .none, .cash)
    /// x * 0 summed over every book quantity at set-up and every one the ledger has written since: 0 while
    /// each is finite, NaN for good once one is not. `checkFinite` reads it instead of walking the books.
    var bookPoison = 0.0
    /// The storage of the last entry posted, emptied, for the next (`openEntry`).
    var spareLines: (lines: [Entry.Line], retail: [Entry.RetailLine]) = ([], [])
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
        func stream(_ sector: String) -> RandomStream { RandomStream(seed: seed.child("init." + sector), generator: rules.run.generator) }
        prices = assets.map(\.initialPrice)
        history = [prices.map { log($0) }]
        haircuts = assets.map { _ in rules.dealer.haircutFloor }
        outstanding = assets.map(\.supply)
        let governmentBond = assets.firstIndex { $0.name == rules.government.bond }!
        let hyperscalerBond = assets.firstIndex { $0.name == rules.hyperscaler.bond }!
        (self.governmentBond, self.hyperscalerBond) = (governmentBond, hyperscalerBond)
        retailAsset = assets.firstIndex { $0.name == rules.retail.asset }!
        let capexStream = stream("hyperscaler.capex")
        let plannedCapex = (0..<rules.hyperscaler.count).map { _ in rules.hyperscaler.capex.draw(capexStream, within: .nonNegative) }
        government = Government(cash: rules.government.initialCash, bondsOutstanding: assets[governmentBond].supply,
                                assets: assets.count, bond: governmentBond)
        realEconomy = RealEconomy(cash: rules.realEconomy.initialCash, assets: assets.count, rules: rules.realEconomy)
        let cb = rules.centralBank
        centralBank = CentralBank(policyRate: cb.initialRate, bonds: cb.initialBondShare * assets[governmentBond].supply,
                                  assets: assets.count, bond: governmentBond)
        repoRate = cb.initialFloor
        let hs = rules.hyperscaler, hsStream = stream("hyperscaler")
        hyperscalers = (0..<hs.count).map { i in
            var units = assets.map { _ in 0.0 }
            units[governmentBond] = hs.treasuryShare * assets[governmentBond].supply / Double(hs.count)
            return Hyperscaler(cash: hs.cash.draw(hsStream, within: .nonNegative), units: units, bond: hyperscalerBond,
                               bondsOwed: assets[hyperscalerBond].supply / Double(hs.count),
                               plannedCapex: plannedCapex[i])
        }
        initialDividends = Self.dividends(rules, capex: plannedCapex.reduce(0, +))
        hyperscalerIncome = rules.realEconomy.cloudShare * realEconomy.revenue
        expectedDividends = initialDividends
        tradedValue = assets.map { _ in 0 }
        aiLabs = (0..<rules.aiLab.count).map { _ in AILab(assets: assets.count) }
        let swStream = stream("sovereign_fund"), sw = rules.sovereignFund
        sovereignFunds = (0..<sw.count).map { _ in
            SovereignFund(cash: sw.cash.draw(swStream, within: .nonNegative),
                          units: assets.map { sw.share(of: $0.name) * $0.supply / Double(sw.count) })
        }
        moneyFunds = Self.moneyFunds(rules, stream("money_fund"))
        hedgeFunds = Self.hedgeFunds(rules, stream("hedge_fund"))
        let stake = rules.hedgeFund.investors.sovereignStake / Double(max(sw.count, 1))
        for s in sovereignFunds.indices { sovereignFunds[s].stakes = hedgeFunds.map { stake * $0.shares } }
        retail = Self.retail(rules, retailAsset: retailAsset, stream("retail"))
        retailStream = RandomStream(seed: seed.child("retail"), generator: rules.run.generator)
        dealers = []
        household = Household(assets: assets.count)
        initialIssuerLeverage = issuerLeverage()
        let market = marketView(firstRound: true)
        addedSectors = Sectors.registered.map { $0.make(rules: rules, market: market, seed: seed) }
        sectorStreams = Sectors.registered.map {
            RandomStream(seed: seed.child("day." + $0.type), generator: rules.run.generator)
        }
        dealers = dealersHoldingTheRest()
        endowHousehold()
        // Step 0's night: dealers refinance their inventories' overdraft in repo, so they start the first
        // day with their funding buffer. (Should the funding market fail here, step 1's phase 8 reports it.)
        var night = StepLog(assets: assets.count)
        try? clearFundingMarket(into: &night)
        let retailCash = retail.census().cash
        // With the central bank's cash: step 0's night may already have lent from the standing repo.
        initialCash = totalCash(retailCash: retailCash) + centralBank.book.cash
        let grossCash = accounts.reduce(retailCash) { $0 + abs(self[$1].cash) }
        moneyScale = max(grossCash + zip(outstanding, prices).reduce(0) { $0 + $1.0 * $1.1 }, 1)
        forEachBook { _, book in
            bookPoison += book.cash * 0
            for x in book.units { bookPoison += x * 0 }
            for x in book.claims { bookPoison += x * 0 }
        }
    }
}
