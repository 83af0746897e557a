import Config
import Foundation
import Stochastics

/// Rules of the hedge-fund sector (`Agents/hedge_fund.yaml`). This first slice has the value
/// (fundamental) strategy, unlevered; margin, leverage and the other strategies build on it.
public struct HedgeFundRules: Sendable, Equatable {
    public static let type = "hedge_fund"

    public var count: Int
    public var capital: DistributionSpec
    public var initialShare: Double
    public var aggressiveness: Double
    public var maxExposure: Double
    public var beliefDispersion: Double

    public init(_ r: inout RuleReader) {
        count = r.integer("count", "number of hedge funds", unit: "funds", default: 10, .closed(0, 10_000))
        capital = r.distribution("capital", "each fund's starting equity (cash plus holdings at the initial price)",
                                 unit: "$", default: .lognormal(mean: 5e7, sd: 2e7), .positive)
        initialShare = r.number("initial_share", "fraction of each asset's supply the sector holds at step 0",
                                unit: "fraction", default: 0.2, .unitInterval)
        aggressiveness = r.number("aggressiveness", "exposure taken per unit of log mispricing log(V/p)",
                                  unit: "equity fraction per log point", default: 2, .nonNegative)
        maxExposure = r.number("max_exposure", "largest position as a fraction of the fund's equity (1 = unlevered)",
                               unit: "fraction", default: 1, .unitInterval)
        beliefDispersion = r.number("belief_dispersion", "sd of the log of each fund's value belief around the anchor",
                                    unit: "log points", default: 0.1, .nonNegative)
    }
}

/// One hedge fund: a balance sheet and the beliefs its strategy acts on.
public struct HedgeFund: Sendable {
    public var cash: Double
    /// Units held, per asset.
    public var units: [Double]
    /// The value per unit the fund believes each asset is worth.
    public var belief: [Double]

    public init(cash: Double, units: [Double], belief: [Double]) {
        self.cash = cash
        self.units = units
        self.belief = belief
    }

    /// Equity at prices `p`.
    public func equity(_ prices: [Double]) -> Double {
        zip(units, prices).reduce(cash) { $0 + $1.0 * $1.1 }
    }

    /// The value strategy's demand for asset `a`: a long position worth
    /// `min(aggressiveness * max(log(V/p), 0), maxExposure)` of equity, equity valued at the trial price.
    public func demand(asset a: Int, prices: [Double], rules: HedgeFundRules) -> (Double) -> Double {
        let held = units[a], value = belief[a]
        let otherWealth = equity(prices) - held * prices[a]
        return { p in
            let mispricing = max(log(value / p), 0)
            let exposure = min(rules.aggressiveness * mispricing, rules.maxExposure)
            let wealth = otherWealth + held * p
            return exposure * max(wealth, 0) / p - held
        }
    }
}
