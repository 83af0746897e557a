/// What one participant wants to trade in one market this round, as a function of the price.
///
/// `quantity(p)` is the change in holdings wanted at price `p` (positive buys, negative sells), and
/// must not increase with `p`. Institutions give curves from their portfolio rules, retail traders
/// market orders (fixed quantity, or fixed cash to spend), dealers inventory-averse liquidity. The
/// model's own agents' curves and market orders are stored as their numbers, not as closures: the
/// clearing search evaluates every curve at each price it tries, and a closure costs an allocation to
/// build, a call to evaluate and reference counting to copy. A sector added as data gives a closure.
public struct DemandCurve {
    // `form` first and `forced` in its tail padding: a curve fits 128 bytes, which the clearing search
    // copies with a few moves rather than a call to memcpy.
    private let form: Form
    /// A forced sale (margin call, liquidation, redemption): a market order the seller cannot withdraw.
    public let forced: Bool
    public let participant: AgentID
    /// A sector's closure (`form` is then `.curve`): kept apart so that `Form` holds only numbers, and
    /// copying or evaluating the other forms retains nothing.
    private let curve: ((Double) -> Double)?

    private enum Form {
        /// A fixed number of units at any price.
        case units(Double)
        /// A fixed amount of cash spent at any price: cash / p units.
        case spending(Double)
        case hedgeFund(HedgeFund.Demand)
        case dealer(Dealer.Demand)
        case moneyFund(MoneyFund.Demand)
        case centralBank(CentralBank.Demand)
        case curve
    }

    private init(_ participant: AgentID, forced: Bool, _ form: Form, curve: ((Double) -> Double)? = nil) {
        (self.form, self.forced, self.participant, self.curve) = (form, forced, participant, curve)
    }

    public init(_ participant: AgentID, forced: Bool = false, _ quantity: @escaping (Double) -> Double) {
        self.init(participant, forced: forced, .curve, curve: quantity)
    }

    public init(_ participant: AgentID, _ demand: HedgeFund.Demand) {
        self.init(participant, forced: false, .hedgeFund(demand))
    }

    public init(_ participant: AgentID, _ demand: Dealer.Demand) { self.init(participant, forced: false, .dealer(demand)) }

    public init(_ participant: AgentID, _ demand: MoneyFund.Demand) {
        self.init(participant, forced: false, .moneyFund(demand))
    }

    public init(_ participant: AgentID, _ demand: CentralBank.Demand) {
        self.init(participant, forced: false, .centralBank(demand))
    }

    /// A market order for `units` (negative: a sale) whatever the price.
    public static func units(_ units: Double, _ participant: AgentID, forced: Bool = false) -> DemandCurve {
        DemandCurve(participant, forced: forced, .units(units))
    }

    /// A market order spending `cash` whatever the price: `cash / p` units.
    public static func spending(_ cash: Double, _ participant: AgentID) -> DemandCurve {
        DemandCurve(participant, forced: false, .spending(cash))
    }

    /// Units wanted at price `p`.
    @inline(__always)
    public func quantity(_ p: Double) -> Double {
        switch form {
        case let .units(units): return units
        case let .spending(cash): return cash / p
        case let .hedgeFund(demand): return demand(p)
        case let .dealer(demand): return demand(p)
        case let .moneyFund(demand): return demand(p)
        case let .centralBank(demand): return demand(p)
        case .curve: return curve!(p)
        }
    }
}
