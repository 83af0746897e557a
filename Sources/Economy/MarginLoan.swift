/// The rule every margin borrower follows after a trade: a cash shortfall is borrowed, and a cash
/// surplus repays the loan first. Returns the change in the loan (positive: new borrowing), which is
/// also the change in the borrower's cash; the lender's cash moves by the opposite.
public func marginLoanChange(cash: Double, loan: Double) -> Double {
    cash < 0 ? -cash : -min(cash, loan)
}

/// The same rule for two borrowers in SIMD lanes. As a loan is never negative, a shortfall (cash < 0)
/// is also minus the smaller of cash and loan, so one expression serves both cases, lane by lane
/// equal to the function above.
@inline(__always)
func marginLoanChange(cash: SIMD2<Double>, loan: SIMD2<Double>) -> SIMD2<Double> {
    -cash.replacing(with: loan, where: loan .< cash)  // -min(cash, loan), as Swift's `min` takes it
}
