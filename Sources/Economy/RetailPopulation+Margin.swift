extension RetailPopulation {
    /// Marks for liquidation every trader whose equity is below `maintenance` of its position at
    /// `price` (and who owes a loan and holds units). Returns how many are marked.
    public mutating func markLiquidations(price p: Double, maintenance: Double) -> Int {
        var marked = 0, units = 0.0
        let list = borrowers
        withColumns { c in
            for j in list {
                let i = Int(j)
                let position = c.units[i] * p
                let equity = c.cash[i] + position - c.loan[i]
                let liquidate = c.loan[i] > 0 && position > 0 && equity < maintenance * position
                c.marked[i] = liquidate
                if liquidate {
                    marked += 1
                    units += c.units[i]
                }
            }
        }
        markedCount = marked
        totalLiquidationUnits = units
        return marked
    }

    /// Sells each marked position's filled fraction at `price`; proceeds repay the loan. A trader
    /// left with no units and a loan its cash cannot cover defaults on the rest. Returns (change in
    /// loans, loans written off).
    public mutating func settleLiquidations(price p: Double, fill: Double) -> (borrowed: Double, writtenOff: Double) {
        var borrowed = 0.0, writtenOff = 0.0
        let list = borrowers
        withColumns { c in
            for j in list where c.marked[Int(j)] {
                let i = Int(j)
                let sold = fill >= 1 - 1e-9 ? c.units[i] : c.units[i] * fill  // no dust after a full fill
                c.units[i] -= sold
                c.cash[i] += sold * p
                c.marked[i] = false
                borrowed += c.rebalanceLoan(i)
                if c.units[i] <= 0, c.loan[i] > 0 {
                    writtenOff += c.loan[i]
                    c.loan[i] = 0
                }
            }
        }
        markedCount = 0
        totalLiquidationUnits = 0
        return (borrowed, writtenOff)
    }

    /// Every borrower owes a day's interest at `rate` per step on its loan: it pays what its cash
    /// covers and the rest is added to the loan. Returns the totals paid and added.
    public mutating func payInterest(rate: Double) -> (paid: Double, capitalised: Double) {
        guard rate > 0 else { return (0, 0) }
        var paid = 0.0, capitalised = 0.0
        let list = borrowers
        withColumns { c in
            for j in list where c.loan[Int(j)] > 0 {
                let i = Int(j)
                let interest = c.loan[i] * rate, pay = min(interest, max(c.cash[i], 0))
                c.cash[i] -= pay
                c.loan[i] += interest - pay
                paid += pay
                capitalised += interest - pay
            }
        }
        return (paid, capitalised)
    }
}
