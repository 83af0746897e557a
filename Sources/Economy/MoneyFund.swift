import Config
import Foundation

/// Rules of the money funds (`Agents/money_fund.yaml`): the dry-powder reservoir. A fund parks cash
/// at the central bank's reverse repo, lends it in repo when that pays more, and extends duration into
/// the government's bond when its yield pays enough over the overnight rate.
public struct MoneyFundRules: Sendable, Equatable {
    public static let type = "money_fund"

    public var count: Int
    public var cash: DistributionSpec
    public var termPremium: Double
    public var sensitivity: Double
    public var maxBondShare: Double
    public var repoFullSpread: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        count = r.integer("count", "number of money funds", unit: "funds", .closed(0, 1_000))
        cash = r.distribution("cash", "each fund's cash at step 0: the dry powder", unit: "$bn", .money)
        r.scope = .dynamic
        termPremium = r.number("term_premium", "yield over the overnight rate a fund wants before it buys duration",
                               unit: "fraction per year", .closed(-0.1, 1))
        sensitivity = r.number("sensitivity", "share of assets moved into bonds per unit of yield above the hurdle",
                               unit: "share per yield point (1 = 100%)", .closed(0, 1e4))
        maxBondShare = r.number("max_bond_share", "largest share of assets held in bonds (a duration limit)",
                                unit: "fraction", .unitInterval)
        repoFullSpread = r.number("repo_full_spread", "repo rate over the reverse-repo floor at which a fund lends all its liquid cash in repo (none at the floor)",
                                  unit: "fraction per year", .openClosed(0, 1))
    }
}

/// One money fund: cash, the government bonds it has bought, its overnight repo loans to dealers and
/// its reverse-repo deposit at the central bank.
public struct MoneyFund: Sendable {
    /// Cash, the bonds (units of `bond`), repo loans and reverse-repo deposits (positive claims).
    public var book: Book
    /// The index of the government bond it buys.
    public let bond: Int
    public var cash: Double { book.cash }
    public var bonds: Double { book.units[bond] }
    public var repoLent: Double { book[.repo] }
    public var reverseRepo: Double { book[.reverseRepo] }

    /// What it owns when the bond is at `bondPrice`: what it owes its shareholders.
    public func assets(bondPrice: Double) -> Double { cash + repoLent + reverseRepo + bonds * bondPrice }

    /// A fund with `cash` in a market of `assets` assets, buying the government bond `bond`.
    public init(cash: Double, assets: Int, bond: Int) {
        book = Book(cash: cash, units: Array(repeating: 0, count: assets))
        self.bond = bond
    }

    /// Demand for the bond at price p (yield = coupon / p) when cash earns `overnight` a year: a share
    /// `min(sensitivity * max(y - overnight - term_premium, 0), max_bond_share)` of its assets valued
    /// at p, never more than its cash buys. Decreasing in p.
    public func demand(coupon: Double, overnight: Double, rules: MoneyFundRules) -> Demand {
        Demand(coupon: coupon, hurdle: overnight + rules.termPremium, sensitivity: rules.sensitivity,
               maxShare: rules.maxBondShare, cash: cash, lent: repoLent, held: bonds)
    }

    /// A money fund's bid for the bond at the price tried (`demand(coupon:...)`), as numbers fixed for the round.
    public struct Demand: Sendable {
        let coupon: Double, hurdle: Double, sensitivity: Double, maxShare: Double
        let cash: Double, lent: Double, held: Double

        @inline(__always)
        public func callAsFunction(_ p: Double) -> Double {
            let spread = max(coupon / p - hurdle, 0)
            let share = min(sensitivity * spread, maxShare)
            let target = share * (cash + lent + held * p) / p
            return min(target - held, cash / p)
        }
    }

    /// Total repo lending at rate r: none at the reverse-repo `floor`, rising linearly to all its
    /// liquid cash (cash and current repo loans) `repo_full_spread` above it. Increasing in r.
    public func repoSupply(floor: Double, rules: MoneyFundRules) -> (Double) -> Double {
        let liquid = max(cash + repoLent, 0)
        return { r in liquid * min(max((r - floor) / rules.repoFullSpread, 0), 1) }
    }
}
