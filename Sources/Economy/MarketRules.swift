import Config

/// The instruments traded and how each market clears (`Agents/market.yaml`). The asset list is
/// data: adding an asset there needs no Swift.
public struct MarketRules: Sendable, Equatable {
    public static let type = "market"

    public var assets: [AssetSpec]
    /// Relative tolerance of the clearing price.
    public var priceTolerance: Double
    /// Most clearing rounds in one step: forced sales after a round clear in the next.
    public var maxRounds: Int

    public init(_ r: inout RuleReader) {
        assets = r.namedSections("assets", "the traded assets, by name (names become CSV column suffixes)") {
            AssetSpec(name: $0, &$1)
        }
        priceTolerance = r.number("price_tolerance", "relative tolerance of the clearing price",
                                  unit: "fraction", .closed(1e-15, 1e-4))
        maxRounds = r.integer("max_rounds", "most clearing rounds per step; forced sales after a round clear in the next (the intraday cascade)",
                              unit: "rounds", .closed(1, 100))
    }
}
