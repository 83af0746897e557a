import Economy

extension World {
    /// Phase 3: overnight funding settles. Money funds withdraw their reverse-repo deposits with the
    /// floor rate's interest (cash the central bank creates), and dealers' cash, their reserves at the
    /// central bank, earns the floor rate too; dealers pay a day's interest on repo to their lenders,
    /// money funds and the standing repo pro rata (the latter destroys cash).
    mutating func settleOvernightFunding() {
        let floor = centralBank.floor(rules.centralBank) / Self.stepsPerYear
        var withdrawals = openEntry("reverse repo withdrawn")
        for m in moneyFunds.indices {
            let withdrawn = moneyFunds[m].reverseRepo * (1 + floor)
            withdrawals.add(withdrawn, .cash, .moneyFund(m))
            withdrawals.set(.claim(.reverseRepo), to: 0, .moneyFund(m))
            withdrawals.add(-withdrawn, .cash, .centralBank)
        }
        withdrawals.set(.claim(.reverseRepo), to: 0, .centralBank)
        post(&withdrawals)
        var reserves = openEntry("interest on reserves")
        for d in dealers.indices where dealers[d].cash > 0 {
            reserves.add(dealers[d].cash * floor, .cash, .dealer(d))
            reserves.add(-dealers[d].cash * floor, .cash, .centralBank)
        }
        post(&reserves)
        let rate = repoRate / Self.stepsPerYear
        var interest = openEntry("repo interest")
        for d in dealers.indices { interest.add(-dealers[d].repoBorrowed * rate, .cash, .dealer(d)) }
        for m in moneyFunds.indices { interest.add(moneyFunds[m].repoLent * rate, .cash, .moneyFund(m)) }
        interest.add(centralBank.standingRepo * rate, .cash, .centralBank)
        post(&interest)
    }

    /// Phase 3: margin borrowers pay a day's interest at the repo rate plus the dealers' margin
    /// spread (basis funds, refinanced in repo, plus their financing spread). A hedge fund short of
    /// cash borrows it; a retail trader short of cash has the rest added to the loan (its dealers'
    /// loan asset grows by the same amount: credit, not cash).
    mutating func payMarginInterest() {
        let rate = (repoRate + rules.dealer.marginSpread) / Self.stepsPerYear
        for i in hedgeFunds.indices {
            let spread = rules.hedgeFund[hedgeFunds[i].strategy].financingSpread ?? rules.dealer.marginSpread
            let interest = hedgeFunds[i].loan * (repoRate + spread) / Self.stepsPerYear
            transfer(interest, from: .hedgeFund(i), to: .dealer(hedgeFunds[i].broker))
            rebalanceLoan(i)
        }
        let (paid, capitalised) = retail.payInterest(rate: rate)
        receiveRetailInterest(paid, capitalised: capitalised)
    }

    /// Phase 8: the repo market clears dealers' funding needs (their own, and the basis clients'
    /// loans they refinance: a matched book) against money funds' lending inside the corridor; the
    /// standing repo lends what is left at the ceiling, and money funds deposit their remaining cash
    /// at the reverse-repo floor overnight.
    mutating func clearFundingMarket(into log: inout StepLog) throws {
        let cb = rules.centralBank
        var matched = dealers.map { _ in 0.0 }
        for fund in hedgeFunds where fund.strategy == .basis { matched[fund.broker] += fund.loan }
        let result = try FundingMarket.clear(
            demand: zip(dealers, matched).map { dealer, book in
                let need = dealer.repoDemand(matchedBook: book, rules: rules.dealer)
                return { _ in need }  // whatever the rate: the closure holds the number, not the dealer and the rules
            },
            supply: moneyFunds.map { $0.repoSupply(floor: centralBank.floor(cb), rules: rules.moneyFund) },
            floor: centralBank.floor(cb), ceiling: centralBank.ceiling(cb))
        repoRate = result.rate
        var repo = openEntry("repo rolled")
        for (d, total) in result.borrowed.enumerated() {
            repo.add(total - dealers[d].repoBorrowed, .cash, .dealer(d))
            repo.set(.claim(.repo), to: -total, .dealer(d))
        }
        for (m, total) in result.lent.enumerated() {
            repo.add(-(total - moneyFunds[m].repoLent), .cash, .moneyFund(m))
            repo.set(.claim(.repo), to: total, .moneyFund(m))
        }
        repo.add(-(result.standingRepo - centralBank.standingRepo), .cash, .centralBank)
        repo.set(.claim(.repo), to: result.standingRepo, .centralBank)
        post(&repo)
        for m in moneyFunds.indices {
            let deposit = max(moneyFunds[m].cash, 0)
            lend(deposit, .reverseRepo, from: .moneyFund(m), to: .centralBank)
        }
    }
}
