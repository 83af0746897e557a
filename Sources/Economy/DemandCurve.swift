/// What one participant wants to trade in one market this round, as a function of the price.
///
/// `quantity(p)` is the change in holdings wanted at price `p` (positive buys, negative sells), and
/// must not increase with `p`. Institutions give curves from their portfolio rules, retail traders
/// market orders (fixed quantity, or fixed cash to spend), dealers inventory-averse liquidity.
public struct DemandCurve {
    public let participant: Participant
    /// A forced sale (margin call, liquidation, redemption): a market order the seller cannot withdraw.
    public let forced: Bool
    public let quantity: (Double) -> Double

    public init(_ participant: Participant, forced: Bool = false, _ quantity: @escaping (Double) -> Double) {
        self.participant = participant
        self.forced = forced
        self.quantity = quantity
    }
}

/// Who stands behind a demand curve, so fills can be settled into the right balance sheet.
public enum Participant: Hashable, Sendable {
    case hedgeFund(Int)
    case dealer(Int)
    /// The retail population's buy orders (cash to spend), all traders at once.
    case retailBuys
    /// The retail population's sell orders (units to sell), all traders at once.
    case retailSells
    /// The exchange liquidating retail positions below maintenance margin (forced).
    case retailLiquidations
    /// The government selling newly issued bonds at auction.
    case government
    case moneyFund(Int)
    /// The central bank buying (QE, backstop) or selling (QT) the government's bond.
    case centralBank
    /// A hyperscaler selling Treasuries or issuing its bond to fund capex.
    case hyperscaler(Int)
    /// A sovereign fund selling to meet capital calls (forced) or rebalancing when flush.
    case sovereignFund(Int)
}

extension Participant: CustomStringConvertible {
    /// As agents are named everywhere else: `hedge_fund[3]`, `retail` (buys), `government`.
    public var description: String {
        switch self {
        case let .hedgeFund(i): "hedge_fund[\(i)]"
        case let .dealer(i): "dealer[\(i)]"
        case .retailBuys: "retail (buy orders)"
        case .retailSells: "retail (sell orders)"
        case .retailLiquidations: "retail (liquidations)"
        case .government: "government"
        case let .moneyFund(i): "money_fund[\(i)]"
        case .centralBank: "central_bank"
        case let .hyperscaler(i): "hyperscaler[\(i)]"
        case let .sovereignFund(i): "sovereign_fund[\(i)]"
        }
    }
}
