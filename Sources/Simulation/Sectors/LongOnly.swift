import Config
import Economy
import Foundation
import Stochastics

/// Long-only investors: mutual funds, index funds and ETFs, and households' own accounts: unlevered
/// holders of the equities and crypto that no trading sector holds. In each market listed, one investor
/// keeps a constant share `weight` of its wealth (the asset and its cash) in the asset: it buys as the
/// price falls and sells as it rises, closing `rebalance_rate` of the gap each clearing round (at the
/// price tried, so a fall it buys into is not mistaken for wealth it has). Its demand is
/// `(1 - weight)` times its holding per log point of price: the depth of a market in normal times,
/// spent as its cash runs out. Its cash at step 0 is what makes the weight: `(1 - weight) / weight`
/// times the value of its holding. A sector added as data (`Sector`).
public struct LongOnly: Sector {
    public static let type = "long_only"

    /// One market's investor: its asset, its step-0 holding (fraction of supply) and its weight.
    public struct Holding: Sendable {
        public var asset: String
        public var share: Double
        public var weight: Double
    }

    public struct Rules: Sendable {
        public var holdings: [Holding]
        public var rebalanceRate: Double
        public var capitalFlow: Double
    }

    public static func rules(_ r: inout RuleReader) -> Rules {
        r.scope = .setUp
        let holdings = r.namedSections("markets", "the assets long-only investors hold, one investor each") { name, m in
            let share = m.number("share", "fraction of the asset's supply held at step 0", unit: "fraction",
                                 .unitInterval)
            m.scope = .dynamic
            let weight = m.number("weight", "share of the investor's wealth it keeps in the asset (the rest in cash)",
                                  unit: "fraction", .closed(0.01, 1))
            return Holding(asset: name, share: share, weight: weight)
        }
        r.scope = .dynamic
        let rate = r.number("rebalance_rate", "fraction of the gap to the target weight closed per clearing round",
                            unit: "fraction per round", .unitInterval)
        let flow = r.number("capital_flow", "fraction of the gap between an investor's step-0 wealth and its wealth now "
                            + "that households' money fills each day (or takes out, above it)", unit: "fraction per step",
                            .unitInterval)
        return Rules(holdings: holdings, rebalanceRate: rate, capitalFlow: flow)
    }

    /// Every market listed must be an asset of the market.
    public static func crossCheck(_ rules: Rules, assets: [AssetSpec]) -> (key: String, message: String)? {
        let names = assets.map(\.name)
        guard let stray = rules.holdings.first(where: { !names.contains($0.asset) }) else { return nil }
        return ("markets.\(stray.asset)", "\(stray.asset) is not an asset of the market (\(names.joined(separator: ", ")))")
    }

    public static func initialShares(_ rules: Rules) -> [(asset: String, key: String, share: Double)] {
        rules.holdings.map { ($0.asset, "markets.\($0.asset).share", $0.share) }
    }

    public var books: [Book]
    /// Per investor: its asset's index and its wealth at step 0.
    let assets: [Int]
    let initialWealth: [Double]

    public init(rules: Rules, market: MarketView, stream: RandomStream) {
        assets = rules.holdings.map { holding in market.assets.firstIndex { $0.name == holding.asset }! }
        books = zip(rules.holdings, assets).map { holding, a in
            var units = [Double](repeating: 0, count: market.assets.count)
            units[a] = holding.share * market.assets[a].supply
            let value = units[a] * market.prices[a]
            return Book(cash: value * (1 - holding.weight) / holding.weight, units: units)
        }
        initialWealth = zip(books, assets).map { book, a in book.cash + book.units[a] * market.prices[a] }
    }

    /// Households keep their allocation to these investors near its step-0 size: a rebalancer earns
    /// what speculators lose on price impact, and a market whose depth grew with that would calm down
    /// over the years. Each investor's wealth moves `capital_flow` of the way back each day.
    public func householdFlows(market: MarketView, rules: Rules) -> [Double] {
        refill(rate: rules.capitalFlow, initialWealth: initialWealth, assets: assets, market: market)
    }

    /// Each investor's rebalancing order in its market, every round, within what it holds and its cash.
    public func orders(asset: Int, market: MarketView, rules: Rules) -> [SectorOrder] {
        assets.indices.compactMap { i in
            guard assets[i] == asset else { return nil }
            let held = books[i].units[asset], cash = max(books[i].cash, 0)
            let weight = rules.holdings[i].weight, rate = rules.rebalanceRate
            return SectorOrder(agent: i) { p in
                let target = weight * (cash + held * p) / p
                return min(max(rate * (target - held), -held), cash / p)
            }
        }
    }

    public static let columns: [SectorColumn<LongOnly>] = [
        SectorColumn("cash", "cash held by all long-only investors", "$bn") { s, _ in s.books.reduce(0) { $0 + $1.cash } },
        SectorColumn("holdings_value", "value of what long-only investors hold, at the step's prices", "$bn") { s, m in
            s.books.reduce(0) { total, book in total + zip(book.units, m.prices).reduce(0) { $0 + $1.0 * $1.1 } }
        },
    ]
}
