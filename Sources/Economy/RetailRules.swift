import Config

/// Rules of the retail traders (`Agents/retail.yaml`).
public struct RetailRules: Sendable, Equatable {
    public static let type = "retail"

    public var count: Int
    public var asset: String
    public var totalCash: Double
    public var cash: DistributionSpec
    public var initialShare: Double
    public var trendFraction: Double
    public var fundamentalFraction: Double
    public var trendLookback: Int
    public var fundamentalBand: Double
    public var tradeFraction: Double
    public var noiseActivity: Double
    public var switchRate: Double
    public var switchIntensity: Double
    public var profitMemory: Double
    public var leveragedFraction: Double
    public var leverage: DistributionSpec
    public var maintenanceMargin: Double
    public var creditLimit: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        count = r.integer("count", "number of retail traders", unit: "traders", .closed(0, 10_000_000))
        asset = r.text("asset", "name of the asset retail traders trade (one of market.assets)")
        totalCash = r.number("total_cash", "the traders' cash at step 0 in all, whatever their number", unit: "$bn", .money)
        cash = r.distribution("cash", "each trader's share of total_cash, relative to the others (scaled so they sum to it)",
                              unit: "relative", .closed(0, 1e6))
        initialShare = r.number("initial_share", "fraction of the asset's supply retail holds at step 0, split equally",
                                unit: "fraction", .unitInterval)
        trendFraction = r.number("trend_fraction", "share of traders starting as trend followers",
                                 unit: "fraction", .unitInterval)
        fundamentalFraction = r.number("fundamental_fraction", "share of traders starting as fundamentalists (the rest start as noise traders)",
                                       unit: "fraction", .unitInterval)
        r.scope = .dynamic
        trendLookback = r.integer("trend_lookback", "steps over which trend followers measure the trend",
                                  unit: "steps", .closed(1, 250))
        fundamentalBand = r.number("fundamental_band", "log distance from the asset's anchor value beyond which fundamentalists trade",
                                   unit: "log points", .closed(0, 10))
        tradeFraction = r.number("trade_fraction", "fraction of buying power spent on a buy, or of holdings sold on a sell",
                                 unit: "fraction", .unitInterval)
        noiseActivity = r.number("noise_activity", "probability a noise trader trades in a step (buy or sell equally likely)",
                                 unit: "probability", .unitInterval)
        switchRate = r.number("switch_rate", "probability a trader reconsiders its strategy in a step",
                              unit: "probability per step", .unitInterval)
        switchIntensity = r.number("switch_intensity", "Brock-Hommes intensity of choice: weight exp(intensity x profitability)",
                                   unit: "per log point", .closed(0, 1e4))
        profitMemory = r.number("profit_memory", "weight of the latest step in each strategy's profitability (exponential average)",
                                unit: "fraction", .closed(0, 1))
        r.scope = .setUp
        leveragedFraction = r.number("leveraged_fraction", "share of traders who trade with leverage from the exchange",
                                     unit: "fraction", .unitInterval)
        leverage = r.distribution("leverage", "a leveraged trader's maximum position over equity",
                                  unit: "multiple of equity", .closed(1, 100))
        r.scope = .dynamic
        maintenanceMargin = r.number("maintenance_margin", "equity over position below which the exchange liquidates the whole position",
                                     unit: "fraction of position", .closed(0, 1))
        creditLimit = r.number("credit_limit", "the most exchanges lend retail traders in all (the dealers' lending capacity caps it too)",
                               unit: "$bn", .money)
    }
}
