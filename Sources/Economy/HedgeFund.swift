import Config
import Foundation
import Stochastics

/// Rules of the hedge-fund sector (`Agents/hedge_fund.yaml`): the value (fundamental) strategy,
/// levered with margin loans from a dealer (its prime broker) up to what the dealer's haircut allows.
public struct HedgeFundRules: Sendable, Equatable {
    public static let type = "hedge_fund"

    public var count: Int
    public var capital: DistributionSpec
    public var initialShare: Double
    public var aggressiveness: Double
    public var maxLeverage: Double
    public var beliefDispersion: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        count = r.integer("count", "number of hedge funds", unit: "funds", default: 10, .closed(0, 10_000))
        capital = r.distribution("capital", "each fund's starting equity (cash plus holdings at the initial price)",
                                 unit: "$", default: .lognormal(mean: 5e7, sd: 2e7), .positive)
        initialShare = r.number("initial_share", "fraction of each asset's supply the sector holds at step 0",
                                unit: "fraction", default: 0.1, .unitInterval)
        r.scope = .dynamic
        aggressiveness = r.number("aggressiveness", "exposure taken per unit of log mispricing log(V/p)",
                                  unit: "equity multiple per log point", default: 2, .nonNegative)
        maxLeverage = r.number("max_leverage", "the fund's own cap on position value over equity; the dealer's haircut h caps it at 1/h too",
                               unit: "multiple of equity", default: 3, .atLeast(0))
        r.scope = .setUp
        beliefDispersion = r.number("belief_dispersion", "sd of the log of each fund's value belief around the anchor",
                                    unit: "log points", default: 0.1, .nonNegative)
    }
}

/// One hedge fund: a balance sheet, a prime broker, and the beliefs its strategy acts on.
///
/// Cash is never negative: buying beyond cash draws on a margin loan from the fund's prime broker;
/// sale proceeds repay the loan first. The broker lends at most `1 - h` of the collateral's value, so
/// the fund's equity must stay at least `h` of its positions (h: the dealer's haircut).
public struct HedgeFund: Sendable {
    public var cash: Double
    /// Units held, per asset.
    public var units: [Double]
    /// Margin loan owed to the prime broker.
    public var loan: Double
    /// Index of the dealer that is the fund's prime broker.
    public let broker: Int
    /// The value per unit the fund believes each asset is worth: the asset's anchor value times
    /// exp(the fund's own log deviation).
    public private(set) var belief: [Double]
    /// The fund's log deviation from each asset's anchor value, drawn once.
    public let beliefNoise: [Double]

    public init(cash: Double, units: [Double], loan: Double = 0, broker: Int, beliefNoise: [Double], anchors: [Double]) {
        self.cash = cash
        self.units = units
        self.loan = loan
        self.broker = broker
        self.beliefNoise = beliefNoise
        belief = zip(anchors, beliefNoise).map { $0 * exp($1) }
    }

    /// Re-centres the fund's beliefs on new anchor values (a scenario event may change them).
    public mutating func anchor(on anchors: [Double]) {
        belief = zip(anchors, beliefNoise).map { $0 * exp($1) }
    }

    public func positions(_ prices: [Double]) -> Double { zip(units, prices).reduce(0) { $0 + $1.0 * $1.1 } }

    /// Equity (net worth) at prices `p`.
    public func equity(_ prices: [Double]) -> Double { cash + positions(prices) - loan }

    /// The value strategy's demand for asset `a`: a long position worth
    /// `min(aggressiveness * max(log(V/p), 0), max_leverage, 1/haircut)` times the fund's equity at the
    /// morning's `prices` (the fund decides on what it knows: a later fall in price can leave it over
    /// its margin limit, and its broker then forces sales). Purchases are limited to cash plus the
    /// unused part of the fund's credit line. Decreasing in p, so clearing has one root.
    public func demand(asset a: Int, prices: [Double], haircut: Double, creditLine: Double,
                       rules: HedgeFundRules) -> (Double) -> Double {
        let held = units[a], value = belief[a]
        let wealth = max(equity(prices), 0)
        let leverageCap = min(rules.maxLeverage, 1 / max(haircut, 1e-9))
        let spendable = cash + max(creditLine - loan, 0)
        return { p in
            let mispricing = max(log(value / p), 0)
            let exposure = min(rules.aggressiveness * mispricing, leverageCap)
            return min(exposure * wealth / p - held, spendable / p)
        }
    }

    /// Units of asset `a` the fund must sell now to meet its margin requirement at `prices` and
    /// `haircut` (0 when it is within the requirement). Selling x units at p repays x p of the loan; the
    /// requirement `loan <= (1 - h) * positions` is met when x = (loan - (1 - h) P) / (h p): a margin
    /// call forces sales of 1/h times the shortfall (Brunnermeier and Pedersen's loss spiral).
    public func marginCallSale(asset a: Int, prices: [Double], haircut h: Double) -> Double {
        let p = prices[a], position = positions(prices)
        let excess = loan - cash - (1 - h) * position
        guard excess > 1e-9 * max(position, 1), units[a] > 0 else { return 0 }
        return min(units[a], excess / (max(h, 1e-9) * p))
    }
}
