import Config
import Foundation

/// Rules of the money funds (`Agents/money_fund.yaml`): the dry-powder reservoir. A fund holds cash
/// and moves into the government's bond when its yield pays enough over what cash earns.
public struct MoneyFundRules: Sendable, Equatable {
    public static let type = "money_fund"

    public var count: Int
    public var cash: DistributionSpec
    public var hurdleRate: Double
    public var sensitivity: Double
    public var maxBondShare: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        count = r.integer("count", "number of money funds", unit: "funds", default: 5, .closed(0, 1_000))
        cash = r.distribution("cash", "each fund's cash at step 0: the dry powder", unit: "$",
                              default: .fixed(1e8), .nonNegative)
        r.scope = .dynamic
        hurdleRate = r.number("hurdle_rate", "what cash earns elsewhere (the reverse-repo rate until the central bank sets it)",
                              unit: "fraction per year", default: 0.035, .closed(-0.1, 1))
        sensitivity = r.number("sensitivity", "share of assets moved into bonds per unit of yield above the hurdle",
                               unit: "share per yield point (1 = 100%)", default: 50, .nonNegative)
        maxBondShare = r.number("max_bond_share", "largest share of assets held in bonds (a duration limit)",
                                unit: "fraction", default: 0.5, .unitInterval)
    }
}

/// One money fund: cash and the government bonds it has bought.
public struct MoneyFund: Sendable {
    public var cash: Double
    public var bonds: Double

    public init(cash: Double, bonds: Double = 0) {
        self.cash = cash
        self.bonds = bonds
    }

    /// Demand for the bond at price p (yield = coupon / p): a share
    /// `min(sensitivity * max(y - hurdle, 0), max_bond_share)` of its assets valued at p, never more
    /// than its cash buys. Decreasing in p.
    public func demand(coupon: Double, rules: MoneyFundRules) -> (Double) -> Double {
        let cash = cash, held = bonds
        return { p in
            let spread = max(coupon / p - rules.hurdleRate, 0)
            let share = min(rules.sensitivity * spread, rules.maxBondShare)
            let target = share * (cash + held * p) / p
            return min(target - held, cash / p)
        }
    }
}
