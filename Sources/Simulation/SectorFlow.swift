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

extension Participant {
    /// The book a participant's fills settle into (nil for the retail population's columns).
    var account: Account? {
        switch self {
        case let .hedgeFund(i): return .hedgeFund(i)
        case let .dealer(i): return .dealer(i)
        case .retailBuys, .retailSells, .retailLiquidations: return nil
        case .government: return .government
        case let .moneyFund(i): return .moneyFund(i)
        case .centralBank: return .centralBank
        case let .hyperscaler(h): return .hyperscaler(h)
        case let .sovereignFund(s): return .sovereignFund(s)
        }
    }

    /// The sector a participant belongs to, as named in flows.csv.
    var sector: String {
        switch self {
        case .hedgeFund: return "hedge_fund"
        case .dealer: return "dealer"
        case .retailBuys, .retailSells, .retailLiquidations: return "retail"
        case .government: return "government"
        case .moneyFund: return "money_fund"
        case .centralBank: return "central_bank"
        case .hyperscaler: return "hyperscaler"
        case .sovereignFund: return "sovereign_fund"
        }
    }
}
