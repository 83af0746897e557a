extension RetailPopulation {
    /// The household sector pays `total` into the traders' accounts, in equal parts.
    public mutating func deposit(_ total: Double) {
        guard count > 0, total > 0 else { return }
        let each = total / Double(count)
        withColumns { c in
            for i in 0..<c.count { c.cash[i] += each }
        }
    }

    /// The household sector takes up to `total` out of the traders' accounts, from each in proportion
    /// to its cash (never more than a trader has), when their cash sums to `available`. Returns the
    /// amount withdrawn.
    public mutating func withdraw(_ total: Double, from available: Double) -> Double {
        guard total > 0, available > 0 else { return 0 }
        let fraction = min(total / available, 1)
        var taken = 0.0
        withColumns { c in
            for i in 0..<c.count where c.cash[i] > 0 {
                let amount = c.cash[i] * fraction
                c.cash[i] -= amount
                taken += amount
            }
        }
        return taken
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
