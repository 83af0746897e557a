import Economy

extension World {
    /// Phase 3: overnight funding settles. Money funds withdraw their reverse-repo deposits with the
    /// floor rate's interest (cash the central bank creates); dealers pay a day's interest on repo to
    /// their lenders, money funds and the standing repo pro rata (the latter destroys cash).
    mutating func settleOvernightFunding() {
        let floor = centralBank.floor(rules.centralBank) / Self.stepsPerYear
        for m in moneyFunds.indices {
            let withdrawn = moneyFunds[m].reverseRepo * (1 + floor)
            moneyFunds[m].cash += withdrawn
            moneyFunds[m].reverseRepo = 0
            centralBank.created += withdrawn
        }
        centralBank.reverseRepo = 0
        let rate = repoRate / Self.stepsPerYear
        for d in dealers.indices { dealers[d].cash -= dealers[d].repoBorrowed * rate }
        for m in moneyFunds.indices { moneyFunds[m].cash += moneyFunds[m].repoLent * rate }
        centralBank.created -= centralBank.standingRepo * rate
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
            hedgeFunds[i].cash -= interest
            dealers[hedgeFunds[i].broker].cash += interest
            rebalanceLoan(i)
        }
        let (paid, capitalised) = retail.payInterest(rate: rate)
        let share = 1 / Double(dealers.count)
        for d in dealers.indices {
            dealers[d].cash += paid * share
            dealers[d].marginLoans += capitalised * share
        }
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
            demand: zip(dealers, matched).map { dealer, book in { [rules] _ in dealer.repoDemand(matchedBook: book, rules: rules.dealer) } },
            supply: moneyFunds.map { $0.repoSupply(floor: centralBank.floor(cb), rules: rules.moneyFund) },
            floor: centralBank.floor(cb), ceiling: centralBank.ceiling(cb))
        repoRate = result.rate
        for (d, total) in result.borrowed.enumerated() {
            dealers[d].cash += total - dealers[d].repoBorrowed
            dealers[d].repoBorrowed = total
        }
        for (m, total) in result.lent.enumerated() {
            moneyFunds[m].cash -= total - moneyFunds[m].repoLent
            moneyFunds[m].repoLent = total
        }
        centralBank.created += result.standingRepo - centralBank.standingRepo
        centralBank.standingRepo = result.standingRepo
        for m in moneyFunds.indices {
            let deposit = max(moneyFunds[m].cash, 0)
            moneyFunds[m].cash -= deposit
            moneyFunds[m].reverseRepo = deposit
            centralBank.reverseRepo += deposit
            centralBank.created -= deposit
        }
    }
}
