import Config

/// A traded asset, as data: a user adds one in `Agents/market.yaml`, not in Swift.
public struct AssetSpec: Sendable, Equatable {
    public let name: String
    /// Units outstanding; constant (crypto) until issuance is modelled.
    public let supply: Double
    public let initialPrice: Double
    /// The value that fundamental investors anchor their beliefs on, in dollars per unit.
    public let anchorValue: Double

    public init(name: String, supply: Double, initialPrice: Double, anchorValue: Double) {
        self.name = name
        self.supply = supply
        self.initialPrice = initialPrice
        self.anchorValue = anchorValue
    }

    init(name: String, _ r: inout RuleReader) {
        self.name = name
        r.scope = .setUp
        supply = r.number("supply", "units outstanding", unit: "units", default: 1e7, .positive)
        r.scope = .price
        initialPrice = r.number("initial_price", "price at step 0", unit: "$/unit", default: 100, .positive)
        r.scope = .dynamic
        anchorValue = r.number("anchor_value", "value fundamental investors' beliefs are centred on",
                               unit: "$/unit", default: 100, .positive)
    }
}
