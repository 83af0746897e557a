import Economy

/// A value that became NaN or infinite: the run stops in the phase where it arose, naming it.
public struct NumericalFailure: Error, Sendable, CustomStringConvertible {
    public let step: Int
    public let phase: String
    public let agent: String
    public let quantity: String
    public let value: Double

    public var description: String {
        "non-finite value at step \(step), after phase \(phase): \(agent) \(quantity) is \(value)"
    }
}

extension World {
    /// After `phase`: prices, rates, amounts outstanding, every book's quantities and the agents' other
    /// state must be finite; the first that is not stops the run, named with its agent. (The retail columns are
    /// summed, and so checked, by the census at the end of the step.)
    func checkFinite(after phase: @autoclosure () -> String) throws {
        guard !allFinite() else { return }
        func check(_ x: Double, _ agent: @autoclosure () -> String, _ quantity: @autoclosure () -> String) throws {
            guard x.isFinite else {
                throw NumericalFailure(step: step, phase: phase(), agent: agent(), quantity: quantity(), value: x)
            }
        }
        let names = rules.market.assets.map(\.name)
        for a in prices.indices {
            try check(prices[a], "market", "price of \(names[a])")
            try check(outstanding[a], "market", "units of \(names[a]) outstanding")
            try check(haircuts[a], "dealers", "haircut on \(names[a])")
            try check(expectedDividends[a], "real_economy", "expected dividends of \(names[a])")
        }
        try check(repoRate, "market", "repo rate")
        try check(centralBank.policyRate, "central_bank", "policy rate")
        try forEachBook { account, book in
            try check(book.cash, account.description, "cash")
            for a in prices.indices { try check(book.units[a], account.description, "units of \(names[a])") }
            for instrument in Instrument.allCases { try check(book[instrument], account.description, instrument.description) }
        }
        try check(realEconomy.revenue, "real_economy", "revenue")
        try check(realEconomy.priceLevel, "real_economy", "goods price level")
        try check(realEconomy.outputGap, "real_economy", "output gap")
        for (i, h) in hyperscalers.enumerated() { try check(h.plannedCapex, "hyperscaler[\(i)]", "planned capex") }
        for (i, s) in sovereignFunds.enumerated() {
            for (f, stake) in s.stakes.enumerated() { try check(stake, "sovereign_fund[\(i)]", "shares of hedge_fund[\(f)]") }
        }
        for (i, f) in hedgeFunds.enumerated() { try check(f.shares, "hedge_fund[\(i)]", "shares outstanding") }
    }

    /// Whether every quantity `checkFinite` looks at is finite, in one sweep: x * 0 is 0 for a finite x and
    /// NaN otherwise, and a NaN survives every sum. Only when this fails is each quantity checked by name.
    /// The books count through `bookPoison`, which stays NaN once a quantity was not finite, even if a later
    /// entry replaced it before a check: the check then names nothing and goes on, walking the books each time.
    private func allFinite() -> Bool {
        var zero = 0.0
        func add(_ xs: [Double]) { for x in xs { zero += x * 0 } }
        add(prices); add(outstanding); add(haircuts); add(expectedDividends)
        zero += (repoRate + centralBank.policyRate + realEconomy.revenue + realEconomy.priceLevel + realEconomy.outputGap) * 0
        zero += bookPoison  // every book quantity, as the ledger wrote it
        for h in hyperscalers { zero += h.plannedCapex * 0 }
        for s in sovereignFunds { add(s.stakes) }
        for f in hedgeFunds.indices { zero += hedgeFunds[f].shares * 0 }
        return zero == 0
    }
}
