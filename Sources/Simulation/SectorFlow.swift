import Economy

/// One sector's trading in one asset over one step: the flow of funds.
public struct SectorFlow: Sendable, Equatable {
    /// The sector's agent type, e.g. "hedge_fund", "dealer", "retail".
    public var sector: String
    public var asset: Int
    /// Units bought minus units sold.
    public var netUnits: Double
    /// Cash paid for purchases minus cash received for sales.
    public var netValue: Double
    /// Units sold under compulsion (margin calls, liquidations).
    public var forcedUnits: Double
}
