/// The rule every margin borrower follows after a trade: a cash shortfall is borrowed, and a cash
/// surplus repays the loan first. Returns the change in the loan (positive: new borrowing), which is
/// also the change in the borrower's cash; the lender's cash moves by the opposite.
public func marginLoanChange(cash: Double, loan: Double) -> Double {
    cash < 0 ? -cash : -min(cash, loan)
}
