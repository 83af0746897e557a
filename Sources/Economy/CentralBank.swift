import Config
import Foundation

/// Rules of the central bank (`Agents/central_bank.yaml`): a reaction function for the policy rate,
/// the funding corridor around it, QE/QT, and an optional duration backstop.
public struct CentralBankRules: Sendable, Equatable {
    public static let type = "central_bank"

    public var initialRate: Double
    public var initialBondShare: Double
    public var neutralRate: Double
    public var activityTarget: Double
    public var hawkishness: Double
    public var smoothing: Double
    public var maxMove: Double
    public var meetingInterval: Int
    public var activityWindow: Int
    public var floorSpread: Double
    public var ceilingSpread: Double
    public var qeRate: Double
    public var backstopYield: Double
    public var backstopStrength: Double

    public init(_ r: inout RuleReader) {
        r.scope = .price
        initialRate = r.number("initial_rate", "policy rate at step 0", unit: "fraction per year", .closed(-0.1, 1))
        r.scope = .setUp
        initialBondShare = r.number("initial_bond_share", "fraction of the government bond the central bank holds at step 0",
                                    unit: "fraction", .unitInterval)
        r.scope = .dynamic
        neutralRate = r.number("neutral_rate", "the policy rate the reaction function aims at when activity grows at its target",
                               unit: "fraction per year", .closed(-0.1, 1))
        activityTarget = r.number("activity_target", "growth of nominal spending the bank is content with",
                                  unit: "fraction per year", .closed(-1, 10))
        hawkishness = r.number("hawkishness", "rise of the target rate per unit of spending growth above target",
                               unit: "rate per growth point", .closed(0, 100))
        smoothing = r.number("smoothing", "weight on the previous rate at each meeting (0: jump to the target)",
                             unit: "fraction", .unitInterval)
        maxMove = r.number("max_move", "largest change of the policy rate at one meeting (gradualism)",
                           unit: "fraction per year", .closed(0, 1))
        meetingInterval = r.integer("meeting_interval", "steps between policy meetings (about six weeks)",
                                    unit: "steps", .closed(1, 10_000))
        activityWindow = r.integer("activity_window", "steps averaged on each side when measuring spending growth",
                                   unit: "steps", .closed(1, 1_000))
        floorSpread = r.number("floor_spread", "the reverse-repo rate (the corridor's floor) lies this far below the policy rate",
                               unit: "fraction per year", .closed(0, 0.1))
        ceilingSpread = r.number("ceiling_spread", "the standing repo rate (the corridor's ceiling) lies this far above the policy rate",
                                 unit: "fraction per year", .closed(0, 0.1))
        qeRate = r.number("qe_rate", "bonds bought per year as a fraction of those outstanding; negative runs QT off its holdings",
                          unit: "fraction per year", .closed(-1, 1))
        backstopYield = r.number("backstop_yield", "yield above which the bank buys duration (0 = no backstop)",
                                 unit: "fraction per year", .closed(0, 1))
        backstopStrength = r.number("backstop_strength", "bonds bought per log point the price is below the backstop price, as a fraction of those outstanding",
                                    unit: "fraction per log point", .closed(0, 100))
    }

    /// The rate the reaction function aims at when nominal spending grows at `growth` a year:
    /// `neutral + hawkishness * (growth - target)`, never below zero.
    public func targetRate(growth: Double) -> Double {
        max(neutralRate + hawkishness * (growth - activityTarget), 0)
    }

    /// The rate set at a meeting: a step from `previous` toward the target, weighted by `smoothing`
    /// and no larger than `max_move`.
    public func meetingRate(previous: Double, growth: Double) -> Double {
        let move = (1 - smoothing) * (targetRate(growth: growth) - previous)
        return previous + min(max(move, -maxMove), maxMove)
    }
}

/// The central bank's balance sheet. It creates money when it buys bonds or lends in its standing
/// repo and pays interest on reverse repo, and destroys it when it sells bonds, takes reverse-repo
/// deposits or is repaid: its cash is minus the money it has created since step 0, so every agent's
/// cash, the bank's included, sums to the cash that existed at step 0.
public struct CentralBank: Sendable {
    public var policyRate: Double
    /// Its cash (minus the money created), the bonds (units of `bond`), standing-repo loans (a
    /// positive `repo` claim) and money funds' reverse-repo deposits (a negative `reverseRepo` claim).
    public var book: Book
    /// The index of the government bond.
    public let bond: Int
    public var bonds: Double { book.units[bond] }
    public var standingRepo: Double { book[.repo] }
    public var reverseRepo: Double { -book[.reverseRepo] }
    /// Net cash created by the bank's operations since step 0.
    public var created: Double { -book.cash }

    public init(policyRate: Double, bonds: Double, assets: Int, bond: Int) {
        self.policyRate = policyRate
        var units = Array(repeating: 0.0, count: assets)
        units[bond] = bonds
        book = Book(units: units)
        self.bond = bond
    }

    public func floor(_ rules: CentralBankRules) -> Double { policyRate - rules.floorSpread }
    public func ceiling(_ rules: CentralBankRules) -> Double { policyRate + rules.ceilingSpread }

    /// Its order in the government bond at price p: QE buys `qe_rate` of `outstanding` a year (QT
    /// sells it out of holdings), and the backstop buys `backstop_strength * outstanding` per log
    /// point the price is below `coupon / backstop_yield`. Decreasing in p.
    public func demand(coupon: Double, outstanding: Double, stepsPerYear: Double, rules: CentralBankRules) -> (Double) -> Double {
        let pace = rules.qeRate * outstanding / stepsPerYear, held = bonds
        let backstopPrice = rules.backstopYield > 0 ? coupon / rules.backstopYield : 0
        return { p in
            let backstop = backstopPrice > 0 ? rules.backstopStrength * outstanding * max(log(backstopPrice / p), 0) : 0
            return max(pace + backstop, -held)
        }
    }
}
