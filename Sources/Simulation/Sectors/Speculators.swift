import Config
import Economy
import Foundation
import Stochastics

/// Speculators: the noise and liquidity trading of each market they are given. A market's pool splits
/// between fundamentalists, who buy below the value fundamental investors see and sell above it, and
/// chartists, who extrapolate the last return, each with noise of its own. The fundamentalists' share
/// follows the attractiveness of their strategy: a predisposition, herding (a strategy gains followers
/// from its own popularity) and misalignment (the further the price from value, the more turn to it):
/// the DCA-HPM model Franke and Westerhoff (2012) estimated on the S&P 500. Volatility clusters because
/// chartists are noisier and their share persists; it is behaviour, not a volatility process.
///
/// A pool's day is one market order in the first clearing round: `order_size` x the supply per unit
/// of the model's demand, less `inventory_reversion` of its gap to its step-0 holdings (so what it holds
/// stays bounded), never more than it holds or its cash buys. A sector added as data (`Sector`).
public struct Speculators: Sector {
    public static let type = "speculator"

    /// One market's pool: its asset, step-0 holdings (fraction of supply) and cash, and its order size.
    public struct Pool: Sendable {
        public var asset: String
        public var share: Double
        public var cash: Double
        public var orderSize: Double
    }

    public struct Rules: Sendable {
        public var pools: [Pool]
        public var count: Int
        public var fundamentalReaction: Double
        public var chartistReaction: Double
        public var fundamentalNoise: Double
        public var chartistNoise: Double
        public var predisposition: Double
        public var herding: Double
        public var misalignment: Double
        public var intensity: Double
        public var inventoryReversion: Double
        public var capitalFlow: Double
    }

    public static func rules(_ r: inout RuleReader) -> Rules {
        r.scope = .setUp
        let pools = r.namedSections("markets", "the assets speculators trade, each with its own pool") { name, m in
            let share = m.number("share", "fraction of the asset's supply the pool holds at step 0", unit: "fraction",
                                 .unitInterval)
            let cash = m.number("cash", "the pool's cash at step 0", unit: "$bn", .money)
            m.scope = .dynamic
            let size = m.number("order_size", "units ordered per unit of the model's demand, as a fraction of the "
                                + "asset's supply: sets the market's volatility", unit: "fraction of supply",
                                .closed(0, 1))
            return Pool(asset: name, share: share, cash: cash, orderSize: size)
        }
        let count = r.integer("count", "speculators in each pool: each chooses its strategy every day",
                              unit: "speculators", .closed(1, 1_000_000))
        r.scope = .dynamic
        func n(_ key: String, _ meaning: String, _ unit: String, _ bound: Bound) -> Double {
            r.number(key, meaning, unit: unit, bound)
        }
        let phi = n("fundamental_reaction", "fundamentalists' demand per log point the price lies below value",
                    "per log point", .closed(0, 100))
        let chi = n("chartist_reaction", "chartists' demand per log point of the last return", "per log point",
                    .closed(0, 100))
        let sf = n("fundamental_noise", "sd of fundamentalists' demand noise", "demand units", .closed(0, 100))
        let sc = n("chartist_noise", "sd of chartists' demand noise", "demand units", .closed(0, 100))
        let a0 = n("predisposition", "attractiveness of fundamentalism when shares are equal and the price is at value",
                   "attractiveness", .closed(-100, 100))
        let an = n("herding", "attractiveness a strategy gains per unit its share exceeds the other's",
                   "attractiveness", .closed(0, 100))
        let ap = n("misalignment", "attractiveness fundamentalism gains per squared log point of mispricing",
                   "attractiveness per squared log point", .closed(0, 1e4))
        let beta = n("intensity", "intensity of choice: fundamentalists' share is 1 / (1 + exp(-intensity x "
                     + "attractiveness))", "per unit of attractiveness", .closed(0, 100))
        let kappa = n("inventory_reversion", "fraction of the gap to its step-0 holdings a pool unwinds per day",
                      "fraction per step", .unitInterval)
        let flow = n("capital_flow", "fraction of the gap between a pool's step-0 wealth and its wealth now that "
                     + "households' new money fills each day (or takes out, above it)", "fraction per step",
                     .unitInterval)
        return Rules(pools: pools, count: count, fundamentalReaction: phi, chartistReaction: chi, fundamentalNoise: sf,
                     chartistNoise: sc, predisposition: a0, herding: an, misalignment: ap, intensity: beta,
                     inventoryReversion: kappa, capitalFlow: flow)
    }

    /// Every pool's asset must be an asset of the market.
    public static func crossCheck(_ rules: Rules, assets: [AssetSpec]) -> (key: String, message: String)? {
        let names = assets.map(\.name)
        guard let stray = rules.pools.first(where: { !names.contains($0.asset) }) else { return nil }
        let known = names.joined(separator: ", ")
        return ("markets.\(stray.asset)", "\(stray.asset) is not an asset of the market (\(known))")
    }

    public static func initialShares(_ rules: Rules) -> [(asset: String, key: String, share: Double)] {
        rules.pools.map { ($0.asset, "markets.\($0.asset).share", $0.share) }
    }

    public var books: [Book]
    /// Per pool: its wealth at step 0.
    let initialWealth: [Double]
    /// Per pool: its asset's index, its step-0 units, yesterday's close, its fundamentalists' share and
    /// today's order (units, before the limits of its book).
    let assets: [Int]
    let initialUnits: [Double]
    var lastPrices: [Double]
    public private(set) var fundamentalistShares: [Double]
    var order: [Double]

    public init(rules: Rules, market: MarketView, stream: RandomStream) {
        assets = rules.pools.map { pool in market.assets.firstIndex { $0.name == pool.asset }! }
        initialUnits = zip(rules.pools, assets).map { pool, a in pool.share * market.assets[a].supply }
        books = zip(rules.pools, assets).map { pool, a in
            var units = [Double](repeating: 0, count: market.assets.count)
            units[a] = pool.share * market.assets[a].supply
            return Book(cash: pool.cash, units: units)
        }
        lastPrices = assets.map { market.prices[$0] }
        initialWealth = zip(books, assets).map { book, a in book.cash + book.units[a] * market.prices[a] }
        fundamentalistShares = assets.map { _ in 0.5 }
        order = assets.map { _ in 0 }
    }

    /// Speculators lose on the price impact of their orders; as losers leave, newcomers bring households'
    /// money: each pool's wealth moves `capital_flow` of the way back to its step-0 wealth each day.
    public func householdFlows(market: MarketView, rules: Rules) -> [Double] {
        refill(rate: rules.capitalFlow, initialWealth: initialWealth, assets: assets, market: market)
    }

    /// Each pool's demand from this morning's price; then each of its speculators chooses tomorrow's strategy,
    /// fundamentalism with probability 1 / (1 + exp(-intensity x attractiveness)). 2 + `count` draws a pool, always
    /// (common random numbers hold across variants).
    public mutating func beginDay(market: MarketView, values: [Double], rules: Rules, stream: RandomStream) {
        for i in assets.indices {
            let a = assets[i], p = market.prices[a]
            let mispricing = log(values[a] / p), lastReturn = log(p / lastPrices[i])
            let fundamental = rules.fundamentalReaction * mispricing + stream.gaussian(sd: rules.fundamentalNoise)
            let chartist = rules.chartistReaction * lastReturn + stream.gaussian(sd: rules.chartistNoise)
            let nf = fundamentalistShares[i]
            let demand = nf * fundamental + (1 - nf) * chartist
            order[i] = rules.pools[i].orderSize * market.assets[a].supply * demand
                - rules.inventoryReversion * (books[i].units[a] - initialUnits[i])
            let attractiveness = rules.predisposition + rules.herding * (2 * nf - 1)
                + rules.misalignment * mispricing * mispricing
            let chosen = 1 / (1 + exp(-rules.intensity * attractiveness))
            let fundamentalists = (0..<rules.count).reduce(0) { n, _ in stream.uniform() < chosen ? n + 1 : n }
            fundamentalistShares[i] = Double(fundamentalists) / Double(rules.count)
            lastPrices[i] = p
        }
    }

    /// A pool's market order, first round only, within what it holds and what its cash buys.
    public func orders(asset: Int, market: MarketView, rules: Rules) -> [SectorOrder] {
        guard market.firstRound else { return [] }
        return assets.indices.compactMap { i in
            guard assets[i] == asset, order[i] != 0 else { return nil }
            let wanted = order[i], held = books[i].units[asset], cash = max(books[i].cash, 0)
            return SectorOrder(agent: i) { p in min(max(wanted, -held), cash / p) }
        }
    }

    public static let columns: [SectorColumn<Speculators>] = [
        SectorColumn("chartist_share", "chartists' share of the speculators, averaged over their markets",
                     "fraction") { s, _ in
            let shares = s.fundamentalistShares
            return shares.isEmpty ? 0 : 1 - shares.reduce(0, +) / Double(shares.count)
        },
        SectorColumn("cash", "cash held by all speculators", "$bn") { s, _ in s.books.reduce(0) { $0 + $1.cash } },
        SectorColumn("holdings_value", "value of what speculators hold, at the step's prices", "$bn") { s, m in
            s.books.reduce(0) { total, book in total + zip(book.units, m.prices).reduce(0) { $0 + $1.0 * $1.1 } }
        },
    ]
}
