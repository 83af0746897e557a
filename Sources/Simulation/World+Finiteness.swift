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
    /// After `phase`: prices, rates, amounts outstanding and every institution's balances must be
    /// finite; the first that is not stops the run, named with its agent. (The retail columns are
    /// summed, and so checked, by the census at the end of the step.)
    func checkFinite(after phase: String) throws {
        func check(_ x: Double, _ agent: @autoclosure () -> String, _ quantity: @autoclosure () -> String) throws {
            guard x.isFinite else {
                throw NumericalFailure(step: step, phase: phase, agent: agent(), quantity: quantity(), value: x)
            }
        }
        let names = rules.market.assets.map(\.name)
        for a in prices.indices {
            try check(prices[a], "market", "price of \(names[a])")
            try check(outstanding[a], "market", "units of \(names[a]) outstanding")
            try check(haircuts[a], "dealers", "haircut on \(names[a])")
            try check(expectedDividends[a], "real_economy", "expected dividends of \(names[a])")
            try forEachHolding(of: a) { agent, units in try check(units, agent.description, "units of \(names[a])") }
        }
        try check(repoRate, "market", "repo rate")
        for (x, what) in [(centralBank.policyRate, "policy rate"), (centralBank.reverseRepo, "reverse repo"),
                          (centralBank.standingRepo, "standing repo"), (centralBank.created, "money created")] {
            try check(x, "central_bank", what)
        }
        try check(government.cash, "government", "cash")
        try check(government.bondsOutstanding, "government", "bonds owed")
        try check(realEconomy.cash, "real_economy", "cash")
        try check(realEconomy.revenue, "real_economy", "revenue")
        for (i, h) in hyperscalers.enumerated() {
            try check(h.cash, "hyperscaler[\(i)]", "cash")
            try check(h.bondsOwed, "hyperscaler[\(i)]", "bonds owed")
            try check(h.plannedCapex, "hyperscaler[\(i)]", "planned capex")
        }
        for (i, lab) in aiLabs.enumerated() { try check(lab.cash, "ai_lab[\(i)]", "cash") }
        for (i, s) in sovereignFunds.enumerated() {
            try check(s.cash, "sovereign_fund[\(i)]", "cash")
            try check(s.owed, "sovereign_fund[\(i)]", "capital owed")
            for (f, stake) in s.stakes.enumerated() { try check(stake, "sovereign_fund[\(i)]", "shares of hedge_fund[\(f)]") }
        }
        for (i, m) in moneyFunds.enumerated() {
            for (x, what) in [(m.cash, "cash"), (m.repoLent, "repo lent"), (m.reverseRepo, "reverse repo")] {
                try check(x, "money_fund[\(i)]", what)
            }
        }
        for (i, f) in hedgeFunds.enumerated() {
            for (x, what) in [(f.cash, "cash"), (f.loan, "margin loan"), (f.shares, "shares outstanding")] {
                try check(x, "hedge_fund[\(i)]", what)
            }
        }
        for (i, d) in dealers.enumerated() {
            for (x, what) in [(d.cash, "cash"), (d.marginLoans, "margin loans"), (d.repoBorrowed, "repo borrowed")] {
                try check(x, "dealer[\(i)]", what)
            }
        }
    }
}
