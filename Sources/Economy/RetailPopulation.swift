import Config
import Foundation
import Stochastics

/// Rules of the retail traders (`Agents/retail.yaml`). This first slice has trend followers and
/// noise traders with market orders; switching, wages and leverage build on it.
public struct RetailRules: Sendable, Equatable {
    public static let type = "retail"

    public var count: Int
    public var asset: String
    public var cash: DistributionSpec
    public var initialShare: Double
    public var trendFraction: Double
    public var trendLookback: Int
    public var tradeFraction: Double
    public var noiseActivity: Double

    public init(_ r: inout RuleReader) {
        count = r.integer("count", "number of retail traders", unit: "traders", default: 10_000, .closed(0, 10_000_000))
        asset = r.text("asset", "name of the asset retail traders trade (one of market.assets)", default: "crypto")
        cash = r.distribution("cash", "each trader's starting cash", unit: "$", default: .lognormal(mean: 2e4, sd: 3e4), .nonNegative)
        initialShare = r.number("initial_share", "fraction of each asset's supply retail holds at step 0, split equally",
                                unit: "fraction", default: 0.3, .unitInterval)
        trendFraction = r.number("trend_fraction", "share of traders following the trend (the rest trade on noise)",
                                 unit: "fraction", default: 0.3, .unitInterval)
        trendLookback = r.integer("trend_lookback", "steps over which trend followers measure the trend",
                                  unit: "steps", default: 5, .closed(1, 250))
        tradeFraction = r.number("trade_fraction", "fraction of cash spent on a buy, or of holdings sold on a sell",
                                 unit: "fraction", default: 0.1, .unitInterval)
        noiseActivity = r.number("noise_activity", "probability a noise trader trades in a step (buy or sell equally likely)",
                                 unit: "probability", default: 0.2, .unitInterval)
    }
}

/// All retail traders as columns of numbers (structure of arrays): trader `i` is index `i` of each.
public struct RetailPopulation: Sendable {
    public var cash: [Double]
    /// Units held of the asset retail trades (`RetailRules.asset`).
    public var units: [Double]
    public var followsTrend: [Bool]
    /// This step's orders: cash to spend, units to sell.
    public private(set) var buyCash: [Double]
    public private(set) var sellUnits: [Double]

    public init(cash: [Double], units: [Double], followsTrend: [Bool]) {
        self.cash = cash
        self.units = units
        self.followsTrend = followsTrend
        buyCash = Array(repeating: 0, count: cash.count)
        sellUnits = Array(repeating: 0, count: cash.count)
    }

    public var count: Int { cash.count }

    /// Every trader decides this step's market order. Draws come from `stream` in index order.
    public mutating func submitOrders(trend: Double, rules: RetailRules, stream: RandomStream) {
        let f = rules.tradeFraction
        for i in 0..<count {
            let u = stream.uniform()
            var direction = 0.0
            if followsTrend[i] {
                direction = trend > 0 ? 1 : (trend < 0 ? -1 : 0)
            } else if u < rules.noiseActivity {
                direction = u < rules.noiseActivity / 2 ? 1 : -1
            }
            buyCash[i] = direction > 0 ? f * cash[i] : 0
            sellUnits[i] = direction < 0 ? f * units[i] : 0
        }
    }

    public var totalBuyCash: Double { buyCash.reduce(0, +) }
    public var totalSellUnits: Double { sellUnits.reduce(0, +) }

    /// Applies fills: each order filled by its side's fraction at `price`.
    public mutating func settle(price: Double, buyFill: Double, sellFill: Double) {
        for i in 0..<count {
            let bought = buyCash[i] * buyFill / price
            let sold = sellUnits[i] * sellFill
            units[i] += bought - sold
            cash[i] += sold * price - bought * price
        }
    }
}
