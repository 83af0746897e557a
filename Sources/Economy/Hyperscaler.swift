import Config
import Foundation

/// Rules of the hyperscalers (`Agents/hyperscaler.yaml`): a planned capex path cut back as their cost
/// of capital rises, funded by a waterfall (operating cash, cash above a buffer, Treasury sales, bond
/// issuance at the clearing price), with buybacks when flush.
public struct HyperscalerRules: Sendable, Equatable {
    public static let type = "hyperscaler"

    public var count: Int
    public var bond: String
    public var cash: DistributionSpec
    public var treasuryShare: Double
    public var capex: DistributionSpec
    public var capexGrowth: Double
    public var costSensitivity: Double
    public var cashBuffer: Double
    public var treasuryBuffer: Double
    public var buybackThreshold: Double
    public var buybackRate: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        count = r.integer("count", "number of hyperscalers (at least one: they owe the hyperscaler bond)", unit: "firms", .closed(1, 100))
        bond = r.text("bond", "name of the bond asset hyperscalers issue (a market asset of kind bond)")
        cash = r.distribution("cash", "each firm's cash at step 0", unit: "$bn", .money)
        treasuryShare = r.number("treasury_share", "fraction of the government bond the sector holds at step 0, split equally",
                                 unit: "fraction", .unitInterval)
        capex = r.distribution("capex", "each firm's planned capex per step at step 0", unit: "$bn/step", .money)
        r.scope = .dynamic
        capexGrowth = r.number("capex_growth", "growth of the planned capex path (the boom when large)",
                               unit: "log points per year", .closed(-10, 10))
        costSensitivity = r.number("cost_sensitivity", "log cut in capex per unit rise of the firm's bond yield above its step-0 level",
                                   unit: "per yield point (1 = 100%)", .closed(0, 1000))
        cashBuffer = r.number("cash_buffer", "cash each firm keeps; below it, it sells Treasuries, then issues bonds",
                              unit: "$bn", .money)
        treasuryBuffer = r.number("treasury_buffer", "value of Treasuries each firm keeps as a liquidity reserve; beyond what it can sell above it, it issues bonds",
                                  unit: "$bn", .money)
        buybackThreshold = r.number("buyback_threshold", "cash, as a multiple of the buffer, above which the firm buys back shares",
                                    unit: "multiple", .closed(1, 100))
        buybackRate = r.number("buyback_rate", "fraction of cash above the threshold paid to shareholders (households) per step",
                               unit: "fraction per step", .unitInterval)
    }
}

/// One hyperscaler: cash, Treasuries (and any other asset) held, bonds owed, and its capex plan.
public struct Hyperscaler: Sendable {
    /// Cash, units held per asset (Treasuries; they sell them to fund capex), and its own bond as
    /// negative units (the units it owes).
    public var book: Book
    /// The index of the hyperscalers' bond.
    public let bond: Int
    public var cash: Double { book.cash }
    public var units: [Double] { book.units }
    /// Units of the hyperscaler bond it owes.
    public var bondsOwed: Double { -book.units[bond] }
    /// Planned capex per step, before the cost-of-capital cut; grows at `capex_growth`.
    public var plannedCapex: Double
    /// Capex billed but not yet paid (cash ran short).
    public var backlog = 0.0
    /// This step's capex bill, set in phase 4.
    public var bill = 0.0

    /// A hyperscaler holding `units` (of every asset but its bond `bond`) that owes `bondsOwed` of it.
    public init(cash: Double, units: [Double], bond: Int, bondsOwed: Double, plannedCapex: Double) {
        var units = units
        units[bond] = -bondsOwed
        book = Book(cash: cash, units: units)
        self.bond = bond
        self.plannedCapex = plannedCapex
    }

    /// Capex this step when its bond yields `yield` against `initialYield` at step 0: the plan cut by
    /// `exp(-cost_sensitivity x (yield - initialYield))`, plus what is still unpaid.
    public func capexBill(yield: Double, initialYield: Double, rules: HyperscalerRules) -> Double {
        plannedCapex * exp(-rules.costSensitivity * (yield - initialYield)) + backlog
    }

    /// The funding waterfall for a `bill` due at the end of the step: cash above the buffer first,
    /// then Treasuries above their buffer sold at `treasuryPrice`, then new bonds at `bondPrice` for the
    /// rest. Returns units to sell and units to issue (both market orders).
    public func funding(bill: Double, treasury: Int, treasuryPrice: Double, bondPrice: Double,
                        rules: HyperscalerRules) -> (treasuries: Double, bonds: Double) {
        let gap = max(bill + rules.cashBuffer - cash, 0)
        let sellable = max(units[treasury] - rules.treasuryBuffer / treasuryPrice, 0)
        let sold = min(sellable, gap / treasuryPrice)
        return (sold, max(gap - sold * treasuryPrice, 0) / bondPrice)
    }

    /// Cash returned to shareholders this step: `buyback_rate` of the cash above the threshold.
    public func buyback(rules: HyperscalerRules) -> Double {
        rules.buybackRate * max(cash - rules.buybackThreshold * rules.cashBuffer, 0)
    }
}
