import Config
import Foundation

/// Rules of the dealer banks (`Agents/dealer.yaml`): market-making liquidity within a balance sheet.
public struct DealerRules: Sendable, Equatable {
    public static let type = "dealer"

    public var count: Int
    public var capital: Double
    public var depth: Double
    public var inventoryAversion: Double

    public init(_ r: inout RuleReader) {
        count = r.integer("count", "number of dealer banks", unit: "dealers", default: 3, .closed(1, 100))
        capital = r.number("capital", "each dealer's starting cash (its inventory is the supply other sectors do not hold)",
                           unit: "$", default: 2e8, .positive)
        depth = r.number("depth", "units bought per log point the price falls, as a fraction of the starting inventory",
                         unit: "fraction per log point", default: 2, .nonNegative)
        inventoryAversion = r.number("inventory_aversion", "fraction of the gap to the starting inventory the dealer closes per step",
                                     unit: "fraction per step", default: 0.05, .unitInterval)
    }
}

/// A dealer bank: buys when the price falls below its reference and leans back toward its
/// starting inventory, never beyond its cash or its inventory.
public struct Dealer: Sendable {
    public var cash: Double
    public var units: [Double]
    public var targetUnits: [Double]

    public init(cash: Double, units: [Double], targetUnits: [Double]) {
        self.cash = cash
        self.units = units
        self.targetUnits = targetUnits
    }

    public func demand(asset a: Int, reference: Double, rules: DealerRules) -> (Double) -> Double {
        let held = units[a], target = targetUnits[a], cash = cash
        return { p in
            let wanted = rules.depth * target * log(reference / p) - rules.inventoryAversion * (held - target)
            return min(max(wanted, -held), cash / p)
        }
    }
}
