import Config
import Foundation

/// Rules of the central bank (`Agents/central_bank.yaml`): a reaction function for the policy rate,
/// the funding corridor around it, QE/QT, and an optional duration backstop.
public struct CentralBankRules: Sendable, Equatable {
    public static let type = "central_bank"

    public var initialRate: Double
    public var initialBondShare: Double
    public var neutralRate: Double
    public var inflationTarget: Double
    public var inflationWeight: Double
    public var gapWeight: Double
    public var smoothing: Double
    public var maxMove: Double
    public var meetingInterval: Int
    public var activityWindow: Int
    public var floorSpread: Double
    public var ceilingSpread: Double
    public var qeRate: Double
    public var qtSales: Bool
    public var backstopYield: Double
    public var backstopStrength: Double

    public init(_ r: inout RuleReader) {
        r.scope = .price
        initialRate = r.number("initial_rate", "policy rate at step 0", unit: "fraction per year", .closed(-0.1, 1))
        r.scope = .setUp
        initialBondShare = r.number("initial_bond_share", "fraction of the government bond the central bank holds at step 0",
                                    unit: "fraction", .unitInterval)
        r.scope = .dynamic
        neutralRate = r.number("neutral_rate", "the policy rate the reaction function aims at with inflation at target and no output gap",
                               unit: "fraction per year", .closed(-0.1, 1))
        inflationTarget = r.number("inflation_target", "the inflation the bank aims at", unit: "fraction per year", .closed(-0.1, 1))
        inflationWeight = r.number("inflation_weight", "rise of the target rate per unit of inflation above target (Taylor: 1.5)",
                                   unit: "rate per inflation point", .closed(0, 100))
        gapWeight = r.number("gap_weight", "rise of the target rate per unit of output gap (Taylor: 0.5)",
                             unit: "rate per gap point", .closed(0, 100))
        smoothing = r.number("smoothing", "weight on the previous rate at each meeting (0: jump to the target)",
                             unit: "fraction", .unitInterval)
        maxMove = r.number("max_move", "largest change of the policy rate at one meeting (gradualism)",
                           unit: "fraction per year", .closed(0, 1))
        meetingInterval = r.integer("meeting_interval", "steps between policy meetings (about six weeks)",
                                    unit: "steps", .closed(1, 10_000))
        activityWindow = r.integer("activity_window", "steps over which inflation and the output gap are measured",
                                   unit: "steps", .closed(1, 1_000))
        floorSpread = r.number("floor_spread", "the reverse-repo rate (the corridor's floor) lies this far below the policy rate",
                               unit: "fraction per year", .closed(0, 0.1))
        ceilingSpread = r.number("ceiling_spread", "the standing repo rate (the corridor's ceiling) lies this far above the policy rate",
                                 unit: "fraction per year", .closed(0, 0.1))
        qeRate = r.number("qe_rate", "bonds bought per year as a fraction of those outstanding; negative is QT: its holdings run off",
                          unit: "fraction per year", .closed(-1, 1))
        qtSales = r.flag("qt_sales", "QT sells the bonds in the market instead of letting them run off")
        backstopYield = r.number("backstop_yield", "yield above which the bank buys duration (0 = no backstop)",
                                 unit: "fraction per year", .closed(0, 1))
        backstopStrength = r.number("backstop_strength", "bonds bought per log point the price is below the backstop price, as a fraction of those outstanding",
                                    unit: "fraction per log point", .closed(0, 100))
    }

    /// The corridor's floor at step 0: the reverse-repo rate, where the overnight rates start.
    public var initialFloor: Double { initialRate - floorSpread }

    /// The rate a Taylor rule aims at with `inflation` and an output `gap`:
    /// `neutral + inflation_weight x (inflation - target) + gap_weight x gap`, never below zero.
    public func targetRate(inflation: Double, gap: Double) -> Double {
        max(neutralRate + inflationWeight * (inflation - inflationTarget) + gapWeight * gap, 0)
    }

    /// The rate set at a meeting: a step from `previous` toward the target, weighted by `smoothing`
    /// and no larger than `max_move`.
    public func meetingRate(previous: Double, inflation: Double, gap: Double) -> Double {
        let move = (1 - smoothing) * (targetRate(inflation: inflation, gap: gap) - previous)
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
    /// with `qt_sales` sells it out of holdings; without, QT is run-off, not an order), and the backstop buys `backstop_strength * outstanding` per log
    /// point the price is below `coupon / backstop_yield`. Decreasing in p.
    public func demand(coupon: Double, outstanding: Double, stepsPerYear: Double, rules: CentralBankRules) -> Demand {
        let pace = rules.qeRate > 0 || rules.qtSales ? rules.qeRate * outstanding / stepsPerYear : 0
        let backstopPrice = rules.backstopYield > 0 ? coupon / rules.backstopYield : 0
        return Demand(pace: pace, backstopPrice: backstopPrice, strength: rules.backstopStrength,
                      outstanding: outstanding, held: bonds)
    }

    /// The bank's order at the price tried (`demand(coupon:...)`), as numbers fixed for the round.
    public struct Demand: Sendable {
        let pace: Double, backstopPrice: Double, strength: Double, outstanding: Double, held: Double

        @inline(__always)
        public func callAsFunction(_ p: Double) -> Double {
            let backstop = backstopPrice > 0 ? strength * outstanding * max(log(backstopPrice / p), 0) : 0
            return max(pace + backstop, -held)
        }
    }
}
