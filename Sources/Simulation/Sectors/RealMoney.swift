import Config
import Economy
import Foundation
import Stochastics

/// Real-money investors (pensions, insurers, foreign official holders): unlevered, yield-elastic
/// holders of bonds. Each keeps a target share of its wealth in each bond it holds, its step-0
/// share scaled by exp(elasticity x the rise of its excess yield since step 0) (capped at `max_weight`): the
/// government bond's yield (`elasticity`); another bond's spread over it less the credit risk its issuer's
/// leverage adds (`credit_sensitivity` per year of operating cash flow owed; `spread_elasticity`, larger:
/// investors switch between bonds more readily than out of bonds). It closes `rebalance_rate` of the gap
/// each round, spending at most an equal part of
/// its cash on each bond it holds (so all its markets together never overdraw it). Its demand falls
/// as the price rises, so it buys when yields jump: the buyer of last resort that is not a central
/// bank. They have cash flows of their own (`net_inflow`: contributions and premiums less benefits, from
/// households). A sector added as data (`Sector`): it has no code anywhere else.
public struct RealMoney: Sector {
    public static let type = "real_money"

    public struct Rules: Sendable {
        public var count: Int
        public var cash: DistributionSpec
        /// Fraction of each bond's supply the sector holds at step 0, split equally.
        public var holdings: [(asset: String, share: Double)]
        public var elasticity: Double
        public var spreadElasticity: Double
        public var maxWeight: Double
        public var rebalanceRate: Double
        public var creditSensitivity: Double
        public var netInflow: Double
    }

    public static func rules(_ r: inout RuleReader) -> Rules {
        r.scope = .setUp
        let count = r.integer("count", "number of real-money investors", unit: "investors", .closed(0, 1000))
        let cash = r.distribution("cash", "each investor's cash at step 0", unit: "$bn", .money)
        let holdings = r.namedSections("holdings",
                                       "fraction of each bond's supply the sector holds at step 0, split equally") {
            (asset: $0, share: $1.number("share", "fraction of the bond's supply held at step 0", unit: "fraction",
                                         .unitInterval))
        }
        r.scope = .dynamic
        let elasticity = r.number("elasticity", "log rise of the government bond's target share of wealth per unit rise of "
                                  + "its yield since step 0", unit: "per unit of yield", .closed(0, 1000))
        let spreadElasticity = r.number("spread_elasticity", "log rise of another bond's target share of wealth per unit "
                                        + "rise of its excess spread since step 0 (investors switch readily between bonds)",
                                        unit: "per unit of yield", .closed(0, 1e4))
        let maxWeight = r.number("max_weight", "largest share of wealth held in one bond", unit: "fraction",
                                 .unitInterval)
        let rebalanceRate = r.number("rebalance_rate", "fraction of the gap to the target closed per clearing round",
                                     unit: "fraction per round", .unitInterval)
        let creditSensitivity = r.number("credit_sensitivity", "spread a corporate bond must pay over the government's per "
                                         + "year of operating cash flow its issuer owes (its expected loss rises with leverage)",
                                         unit: "per year of cash flow", .closed(0, 1))
        let netInflow = r.number("net_inflow", "new money each investor receives from households per step: pension "
                                 + "contributions and premiums less benefits and claims (negative: pays out)", unit: "$bn/step",
                                 .closed(-1e6, 1e6))
        return Rules(count: count, cash: cash, holdings: holdings, elasticity: elasticity,
                     spreadElasticity: spreadElasticity, maxWeight: maxWeight,
                     rebalanceRate: rebalanceRate, creditSensitivity: creditSensitivity, netInflow: netInflow)
    }

    /// Every held asset must be a bond of the market.
    public static func crossCheck(_ rules: Rules, assets: [AssetSpec]) -> (key: String, message: String)? {
        let bonds = assets.filter { $0.kind == .bond }.map(\.name)
        guard let stray = rules.holdings.first(where: { !bonds.contains($0.asset) }) else { return nil }
        return ("holdings.\(stray.asset)",
                "\(stray.asset) is not a bond of the market (\(bonds.joined(separator: ", ")))")
    }

    /// Its holdings, when it has investors.
    public static func initialShares(_ rules: Rules) -> [(asset: String, key: String, share: Double)] {
        rules.count > 0 ? rules.holdings.map { ($0.asset, "holdings.\($0.asset).share", $0.share) } : []
    }

    public var books: [Book]
    /// Each investor's share of wealth in each asset at step 0.
    let initialWeights: [[Double]]

    public init(rules: Rules, market: MarketView, stream: RandomStream) {
        books = (0..<rules.count).map { _ in
            let units = market.assets.map { asset in
                (rules.holdings.first { $0.asset == asset.name }?.share ?? 0) * asset.supply / Double(rules.count)
            }
            return Book(cash: rules.cash.draw(stream, within: .nonNegative), units: units)
        }
        initialWeights = books.map { book in
            let wealth = Self.wealth(book, market.prices)
            return market.prices.indices.map { wealth > 0 ? book.units[$0] * market.prices[$0] / wealth : 0 }
        }
    }

    static func wealth(_ book: Book, _ prices: [Double]) -> Double {
        zip(book.units, prices).reduce(book.cash) { $0 + $1.0 * $1.1 }
    }

    /// The target share of wealth in bond `a` at a price: the step-0 share times exp(`elasticity` x the
    /// rise of its excess yield) (a corporate bond's: its spread over the government's bond less the
    /// rise of the spread its issuer's leverage calls for). The terms that do not move with the price
    /// tried are found once, when the market's curves are built.
    struct Target {
        let asset: AssetSpec, government: Bool
        /// The bond's yield at step 0's price (nil: it has none, and no weight).
        let initialYield: Double?
        /// Since step 0: the government bond's rise in yield, and the spread its issuer's leverage calls for.
        let benchmarkRise: Double, creditRise: Double
        let elasticity: Double, spreadElasticity: Double, maxWeight: Double

        init(asset a: Int, market: MarketView, rules: Rules) {
            (asset, government) = (market.assets[a], a == market.governmentBond)
            initialYield = market.yield(a, at: market.initialPrices[a])
            benchmarkRise = market.benchmarkYield - market.initialBenchmarkYield
            creditRise = rules.creditSensitivity * (market.issuerLeverage[a] - market.initialIssuerLeverage[a])
            (elasticity, spreadElasticity, maxWeight) = (rules.elasticity, rules.spreadElasticity, rules.maxWeight)
        }

        func weight(_ initial: Double, price p: Double) -> Double {
            guard initial > 0, let y = asset.yield(at: p), let y0 = initialYield else { return 0 }
            guard !government else { return min(initial * exp(elasticity * (y - y0)), maxWeight) }
            let excess = y - y0 - benchmarkRise - creditRise
            return min(initial * exp(spreadElasticity * excess), maxWeight)
        }
    }

    /// Their own cash flows: contributions and premiums in, benefits and claims out, from and to households'
    /// deposits (phase 3), the same for every investor.
    public func householdFlows(market: MarketView, rules: Rules) -> [Double] {
        books.map { _ in rules.netInflow }
    }

    public func orders(asset a: Int, market: MarketView, rules: Rules) -> [SectorOrder] {
        guard books.indices.contains(where: { initialWeights[$0][a] > 0 }) else { return [] }
        let weights = Target(asset: a, market: market, rules: rules), rate = rules.rebalanceRate
        return books.indices.compactMap { i in
            let initial = initialWeights[i][a]
            guard initial > 0 else { return nil }
            let book = books[i], held = book.units[a]
            let others = Self.wealth(book, market.prices) - held * market.prices[a]
            let budget = max(book.cash, 0) / Double(initialWeights[i].reduce(0) { $1 > 0 ? $0 + 1 : $0 })
            return SectorOrder(agent: i) { p in
                // Wealth at the price being tried: valued at the morning's, a fall it buys into would
                // be mistaken for wealth it has, and sold again tomorrow (a predictable bounce).
                let wealth = others + held * p
                let target = weights.weight(initial, price: p) * wealth / p
                return min(max(rate * (target - held), -held), budget / p)
            }
        }
    }

    public static let columns: [SectorColumn<RealMoney>] = [
        SectorColumn("cash", "cash held by all real-money investors", "$bn") { sector, _ in
            sector.books.reduce(0) { $0 + $1.cash }
        },
        SectorColumn("bonds_value", "value of the bonds real-money investors hold, at the step's prices", "$bn") { s, m in
            s.books.reduce(0) { total, book in total + zip(book.units, m.prices).reduce(0) { $0 + $1.0 * $1.1 } }
        },
    ]
}
