import Economy

extension World {
    /// The overnight rate cash earns: the repo rate, or the reverse-repo floor if higher.
    var overnightRate: Double { max(repoRate, centralBank.floor(rules.centralBank)) }

    /// The equity of the retail traders' crypto accounts (cash and coins less loans): households' crypto.
    func cryptoAccounts(_ totals: RetailCensus) -> Double {
        totals.cash + totals.units * prices[retailAsset] - totals.loan
    }

    /// Phase 3: money funds reinvest their net income (interest, coupons, gains) in their shares, so each
    /// owes households exactly its assets at the morning's prices and keeps no equity of its own.
    mutating func reinvestMoneyFundIncome() {
        var entry = openEntry("money-fund income reinvested")
        var gained = 0.0
        for m in moneyFunds.indices {
            let assets = moneyFunds[m].assets(bondPrice: prices[governmentBond])
            gained += assets + moneyFunds[m].book[.moneyFundShare]
            entry.set(.claim(.moneyFundShare), to: -assets, .moneyFund(m))
        }
        entry.add(gained, .claim(.moneyFundShare), .household)
        post(&entry)
    }

    /// Phase 3: households move toward their target portfolio (`Household.rebalancing`): money-fund
    /// shares bought pro rata to the funds' shares (redemptions paid out of each fund's cash), cash
    /// paid into or taken out of the traders' crypto accounts. `totals` are the retail columns' sums now.
    mutating func rebalanceHousehold(_ totals: RetailCensus, into log: inout StepLog) {
        let cryptoReturn = logChange(retailAsset, over: rules.household.momentumWindow)
        let moves = household.rebalancing(accounts: cryptoAccounts(totals), rate: overnightRate,
                                          cryptoReturn: cryptoReturn, rules: rules.household)
        let shares = moneyFunds.map { -$0.book[.moneyFundShare] }, total = shares.reduce(0, +)
        var funds = openEntry("money-fund shares bought and redeemed")
        for m in moneyFunds.indices where total > 0 {
            let pro = moves.moneyFunds * shares[m] / total
            let amount = pro >= 0 ? pro : -min(-pro, max(moneyFunds[m].cash, 0))
            funds.add(amount, .cash, .moneyFund(m))
            funds.add(-amount, .claim(.moneyFundShare), .moneyFund(m))
            funds.add(-amount, .cash, .household)
            funds.add(amount, .claim(.moneyFundShare), .household)
            log.moneyFundFlows += amount
        }
        post(&funds)
        var accounts = openEntry("crypto accounts funded and drawn")
        let moved = moves.crypto >= 0 ? moves.crypto : -retail.withdraw(-moves.crypto, from: totals.cash)
        if moved > 0 { retail.deposit(moved) }
        accounts.retail(moved, .cash)
        accounts.add(-moved, .cash, .household)
        post(&accounts)
        log.cryptoAccountFlows = moved
    }
}
