extension RetailPopulation {
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
