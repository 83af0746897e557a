/// What one participant wants to trade in one market this round, as a function of the price.
///
/// `quantity(p)` is the change in holdings wanted at price `p` (positive buys, negative sells), and
/// must not increase with `p`. Institutions give curves from their portfolio rules, retail traders
/// market orders (fixed quantity, or fixed cash to spend), dealers inventory-averse liquidity. Market
/// orders are stored as their number, not as a closure: the clearing search evaluates every curve at
/// each price it tries, and a closure costs an allocation to build and a call to evaluate.
public struct DemandCurve {
    public let participant: AgentID
    /// A forced sale (margin call, liquidation, redemption): a market order the seller cannot withdraw.
    public let forced: Bool
    private let form: Form
    /// The units or the cash of a market order.
    private let amount: Double
    private let curve: ((Double) -> Double)?

    private enum Form {
        /// A fixed number of units (`amount`) at any price.
        case units
        /// A fixed amount of cash (`amount`) spent at any price: `amount / p` units.
        case spending
        case curve
    }

    public init(_ participant: AgentID, forced: Bool = false, _ quantity: @escaping (Double) -> Double) {
        (self.participant, self.forced, form, amount, curve) = (participant, forced, .curve, 0, quantity)
    }

    private init(_ participant: AgentID, forced: Bool, form: Form, amount: Double) {
        (self.participant, self.forced, self.form, self.amount, curve) = (participant, forced, form, amount, nil)
    }

    /// A market order for `units` (negative: a sale) whatever the price.
    public static func units(_ units: Double, _ participant: AgentID, forced: Bool = false) -> DemandCurve {
        DemandCurve(participant, forced: forced, form: .units, amount: units)
    }

    /// A market order spending `cash` whatever the price: `cash / p` units.
    public static func spending(_ cash: Double, _ participant: AgentID) -> DemandCurve {
        DemandCurve(participant, forced: false, form: .spending, amount: cash)
    }

    /// Units wanted at price `p`.
    @inline(__always)
    public func quantity(_ p: Double) -> Double {
        switch form {
        case .units: return amount
        case .spending: return amount / p
        case .curve: return curve!(p)
        }
    }
}
