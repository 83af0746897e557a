import Economy

extension World {
    /// Trading days per year: coupons accrue per step at coupon / stepsPerYear.
    static let stepsPerYear = 252.0

    /// Phase 3: the government pays the day's coupon on its bond to every holder, then spends into
    /// households (retail traders, equal shares). It pays what its cash allows, coupons first; the
    /// auction in phase 6 restores its buffer. Every payment is a transfer: total cash is unchanged.
    /// The central bank remits its coupons to the government, so those are never paid.
    mutating func payCashFlows(into log: inout StepLog) {
        let a = governmentBond
        let perUnit = rules.market.assets[a].coupon / Self.stepsPerYear
        let privatelyHeld = outstanding[a] - centralBank.bonds
        let due = perUnit * privatelyHeld
        let share = due > 0 ? min(government.cash / due, 1) : 0
        let paid = perUnit * share
        for i in hedgeFunds.indices { hedgeFunds[i].cash += paid * hedgeFunds[i].units[a] }
        for d in dealers.indices { dealers[d].cash += paid * dealers[d].units[a] }
        if a == retailAsset { for i in 0..<retail.count { retail.cash[i] += paid * retail.units[i] } }
        for m in moneyFunds.indices { moneyFunds[m].cash += paid * moneyFunds[m].bonds }
        government.cash -= paid * privatelyHeld
        log.coupons = paid * privatelyHeld

        guard retail.count > 0 else { return }
        let spent = min(rules.government.spending, government.cash)
        let each = spent / Double(retail.count)
        for i in 0..<retail.count { retail.cash[i] += each }
        government.cash -= each * Double(retail.count)
        log.spending = each * Double(retail.count)
    }
}
