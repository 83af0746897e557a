extension RetailPopulation {
    /// Applies the day's fills at `price`: each order filled by its side's fraction. Returns the change
    /// in loans owed to the exchange (new borrowing minus repayment).
    public mutating func settle(price p: Double, buyFill: Double, sellFill: Double) -> Double {
        var slots: [Int32] = []
        swap(&slots, &borrowerSlots)
        defer { swap(&slots, &borrowerSlots) }
        let unitsPerCash = buyFill / p, creditScale = creditScale  // one division per step, not per trader
        let (borrowed, borrowers) = withColumns { c in slots.withUnsafeMutableBufferPointer { slots in
            let (marked, cash, units, loan, order) = (c.marked, c.cash, c.units, c.loan, c.order)
            var borrowed = 0.0, borrowers = 0
            for i in 0..<c.count {
                let o = order[i]
                let spent = Self.buyCash(order: o, cash: cash[i], creditScale: creditScale)
                let bought = spent * unitsPerCash, sold = max(-o, 0) * sellFill  // no branch: the side is random
                units[i] += bought - sold
                cash[i] += (sold - bought) * p
                borrowed += c.rebalanceLoan(i)
                slots[borrowers] = Int32(truncatingIfNeeded: i)
                borrowers &+= loan[i] > 0 || marked[i] ? 1 : 0
            }
            return (borrowed, borrowers)
        } }
        borrowerCount = borrowers
        return borrowed
    }

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

    /// Each household receives an equal share of `income` (wages, buybacks) and spends a fraction
    /// of it plus a fraction of its net wealth at `price` on goods, never more cash than it has
    /// (Godley and Lavoie's consumption function, out of income and out of wealth: a rally in what
    /// households hold raises their spending). Returns the total spent.
    public mutating func receiveAndConsume(income: Double, price p: Double, incomePropensity: Double,
                                           wealthPropensity: Double) -> Double {
        let each = income / Double(count)
        var spent = 0.0
        withColumns { c in
            for i in 0..<c.count {
                let wealth = max(c.cash[i] + c.units[i] * p - c.loan[i], 0)
                let consumed = min(incomePropensity * each + wealthPropensity * wealth, max(c.cash[i] + each, 0))
                c.cash[i] += each - consumed
                spent += consumed
            }
        }
        return spent
    }

    /// Pays `perUnit` in cash on every unit held; returns the total paid.
    public mutating func payDividends(perUnit: Double) -> Double {
        var held = 0.0
        withColumns { c in
            for i in 0..<c.count {
                c.cash[i] += perUnit * c.units[i]
                held += c.units[i]
            }
        }
        return perUnit * held
    }
}
