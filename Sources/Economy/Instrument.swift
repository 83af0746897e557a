/// A claim between two agents with a fixed money value: an asset in the lender's book and the same
/// liability in the borrower's (double entry), so each instrument sums to zero over all books.
public enum Instrument: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// Lent by dealers to hedge funds (margin, or repo for basis funds) and to retail traders.
    case marginLoan
    /// Overnight repo: lent by money funds and the central bank's standing repo to dealers.
    case repo
    /// Money funds' overnight deposits at the central bank.
    case reverseRepo
    /// Capital AI labs have called from sovereign funds' commitments and not yet been paid.
    case capitalCall
    /// Households' money-fund shares: owned by households, owed by the money funds, worth the funds'
    /// assets (their net income is reinvested in shares every step).
    case moneyFundShare

    /// The name in reports and CSV columns.
    public var description: String {
        switch self {
        case .marginLoan: return "margin_loan"
        case .repo: return "repo"
        case .reverseRepo: return "reverse_repo"
        case .capitalCall: return "capital_call"
        case .moneyFundShare: return "money_fund_share"
        }
    }
}
