extension RetailPopulation {
    /// Applies the day's fills at `price`: each order filled by its side's fraction. Returns the change
    /// in loans owed to the exchange (new borrowing minus repayment).
    public mutating func settle(price p: Double, buyFill: Double, sellFill: Double) -> Double {
        var slots: [Int32] = []
        swap(&slots, &borrowerSlots)
        defer { swap(&slots, &borrowerSlots) }
        let rule = Settlement(price: p, unitsPerCash: buyFill / p, sellFill: sellFill, creditScale: creditScale)
        let (borrowed, borrowers) = withColumns { c in slots.withUnsafeMutableBufferPointer { slots in
            var borrowed = SIMD2<Double>(), borrowers = 0
            let pairs = c.count & ~1
            for i in stride(from: 0, to: pairs, by: 2) {
                let (order, cash, units, loan) = (c.order.pair(i), c.cash.pair(i), c.units.pair(i), c.loan.pair(i))
                let after = rule.apply(order: order, cash: cash, units: units, loan: loan)
                c.cash.setPair(i, after.cash)
                c.units.setPair(i, after.units)
                c.loan.setPair(i, after.loan)
                borrowed += after.change
                let owes = after.loan .> 0
                slots[borrowers] = Int32(truncatingIfNeeded: i)
                borrowers &+= owes[0] || c.marked[i] ? 1 : 0
                slots[borrowers] = Int32(truncatingIfNeeded: i + 1)
                borrowers &+= owes[1] || c.marked[i + 1] ? 1 : 0
            }
            for i in pairs..<c.count {  // the last trader of an odd count, in both lanes
                let one = { (x: Double) in SIMD2(repeating: x) }
                let after = rule.apply(order: one(c.order[i]), cash: one(c.cash[i]), units: one(c.units[i]), loan: one(c.loan[i]))
                (c.cash[i], c.units[i], c.loan[i]) = (after.cash[0], after.units[0], after.loan[0])
                borrowed[0] += after.change[0]
                slots[borrowers] = Int32(truncatingIfNeeded: i)
                borrowers &+= after.loan[0] > 0 || c.marked[i] ? 1 : 0
            }
            return (borrowed.sum(), borrowers)
        } }
        borrowerCount = borrowers
        return borrowed
    }

    /// The settlement of two traders at once, in SIMD lanes, lane by lane the same arithmetic as
    /// one at a time: each order filled by its side's fraction, then the cash rebalanced against
    /// the loan (`marginLoanChange`).
    struct Settlement {
        let price, unitsPerCash, sellFill, creditScale: Double

        @inline(__always)
        func apply(order o: SIMD2<Double>, cash: SIMD2<Double>, units: SIMD2<Double>, loan: SIMD2<Double>)
            -> (cash: SIMD2<Double>, units: SIMD2<Double>, loan: SIMD2<Double>, change: SIMD2<Double>) {
            let spent = RetailPopulation.buyCash(order: o, cash: cash, creditScale: creditScale)
            let bought = spent * unitsPerCash, sold = positivePart(-o) * sellFill
            let newCash = cash + (sold - bought) * price
            let change = marginLoanChange(cash: newCash, loan: loan)
            return (newCash + change, units + (bought - sold), loan + change, change)
        }
    }
}
