import Economy
import Foundation

extension World {
    /// Trading days per year: coupons accrue per step at coupon / stepsPerYear.
    static let stepsPerYear = 252.0

    /// Phase 3: the day's income flows, each a transfer (total cash is unchanged).
    ///
    /// Issuers pay coupons on their bonds (the government on its own, hyperscalers pro rata on theirs;
    /// the central bank remits what it would receive). The real economy pays, out of the revenue it
    /// earned last step: dividends on its equities, wages to households, taxes to the government and
    /// cloud services to hyperscalers. Hyperscalers flush with cash buy back shares from households.
    /// Households spend out of that income and their wealth, and the government spends: this step's
    /// revenue of the real economy, with hyperscalers' capex paid at the end of the step.
    /// Returns the retail columns' totals taken for households' consumption: nothing else in the phase
    /// moves them, so households rebalance on them too.
    @discardableResult
    mutating func payCashFlows(into log: inout StepLog) -> RetailCensus {
        payGovernmentCoupons(into: &log)
        payHyperscalerCoupons(into: &log)
        let equities = rules.realEconomy.equities.map { e in rules.market.assets.firstIndex { $0.name == e.asset }! }
        let due = Self.dividends(rules, capex: realEconomy.capex)
        let payouts = realEconomy.payouts(dividends: equities.map { due[$0] }, rules: rules.realEconomy)
        for (a, dividend) in zip(equities, payouts.dividends) {
            let paid = payHolders(of: a, perUnit: dividend / privatelyHeld(a), "dividends") { [(.realEconomy, $0)] }
            log.dividends += paid
            expectedDividends[a] += Self.dividendMemory * (paid - expectedDividends[a])
        }
        var costs = openEntry("taxes and cloud services")
        costs.add(-(payouts.taxes + payouts.cloud), .cash, .realEconomy)
        costs.add(payouts.taxes, .cash, .government)
        for h in hyperscalers.indices { costs.add(payouts.cloud / Double(hyperscalers.count), .cash, .hyperscaler(h)) }
        post(&costs)
        let buybacks = hyperscalers.indices.map { hyperscalers[$0].buyback(rules: rules.hyperscaler) }
        log.wages = payouts.wages
        log.cloud = payouts.cloud
        log.taxes = payouts.taxes
        log.buybacks = buybacks.reduce(0, +)

        var households = openEntry("wages, buybacks, purchases and consumption")
        for (h, amount) in buybacks.enumerated() { households.add(-amount, .cash, .hyperscaler(h)) }
        let spent = min(rules.government.spending, government.cash)
        households.add(-spent, .cash, .government)
        log.spending = spent
        realEconomy.revenue = spent
        realEconomy.capex = 0
        let income = payouts.wages + log.buybacks
        households.add(-payouts.wages, .cash, .realEconomy)
        households.add(spent, .cash, .realEconomy)
        let totals = retail.census()
        let consumed = household.consumption(income: income, accounts: cryptoAccounts(totals), rules: rules.household)
        households.add(income - consumed, .cash, .household)
        households.add(consumed, .cash, .realEconomy)
        post(&households)
        realEconomy.revenue += consumed
        log.consumption = consumed
        return totals
    }

    /// Weight of the latest dividend in what fundamental investors expect (about a quarter's memory).
    static let dividendMemory = 1.0 / 60

    private mutating func payGovernmentCoupons(into log: inout StepLog) {
        let a = governmentBond
        let perUnit = rules.market.assets[a].coupon / Self.stepsPerYear
        let due = perUnit * privatelyHeld(a)
        let share = due > 0 ? min(government.cash / due, 1) : 0
        log.coupons = payHolders(of: a, perUnit: perUnit * share, "government coupons") { [(.government, $0)] }
    }

    /// Each hyperscaler pays the coupon on the bonds it owes, as far as its cash allows.
    private mutating func payHyperscalerCoupons(into log: inout StepLog) {
        let a = hyperscalerBond
        let perUnit = rules.market.assets[a].coupon / Self.stepsPerYear
        let due = hyperscalers.map { perUnit * $0.bondsOwed }
        let paidIn = zip(hyperscalers, due).map { min(max($0.cash, 0), $1) }
        let total = paidIn.reduce(0, +), owed = due.reduce(0, +)
        guard total > 0 else { return }
        let firms = hyperscalers.indices
        payHolders(of: a, perUnit: perUnit * total / owed, "hyperscaler coupons") { paid in
            firms.map { (.hyperscaler($0), paidIn[$0] * paid / total) }
        }
    }
}
