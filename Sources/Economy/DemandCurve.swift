/// What one participant wants to trade in one market this round, as a function of the price.
///
/// `quantity(p)` is the change in holdings wanted at price `p` (positive buys, negative sells), and
/// must not increase with `p`. Institutions give curves from their portfolio rules, retail traders
/// market orders (fixed quantity, or fixed cash to spend), dealers inventory-averse liquidity.
public struct DemandCurve {
    public let participant: AgentID
    /// A forced sale (margin call, liquidation, redemption): a market order the seller cannot withdraw.
    public let forced: Bool
    public let quantity: (Double) -> Double

    public init(_ participant: AgentID, forced: Bool = false, _ quantity: @escaping (Double) -> Double) {
        self.participant = participant
        self.forced = forced
        self.quantity = quantity
    }
}
