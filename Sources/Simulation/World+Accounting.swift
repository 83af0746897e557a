import Economy

extension World {
    /// Who lends and who borrows each instrument: a book on the wrong side, or of another sector
    /// holding it at all, is a violation (retail traders borrow margin loans in their columns).
    static let instrumentSides: [Instrument: (lenders: [SectorID], borrowers: [SectorID])] = [
        .marginLoan: ([.dealer], [.hedgeFund]),
        .repo: ([.moneyFund, .centralBank], [.dealer]),
        .reverseRepo: ([.moneyFund], [.centralBank]),
        .capitalCall: ([.aiLab], [.sovereignFund]),
        .moneyFundShare: ([.household], [.moneyFund]),
    ]

    /// Phase 10: the stock-flow identities (MODEL.md section 5), in this order: prices finite, every
    /// ledger entry balanced, then one pass over the books for the rest. Returns the largest relative
    /// error; throws `AccountingViolation` naming step, agent and instrument past `tolerance`.
    ///
    /// - every price and balance is finite;
    /// - every ledger entry balanced;
    /// - units of each asset held by all but its issuers sum to its amount outstanding, and its issuers
    ///   owe exactly that (every unit is on both sides); nobody else holds negative units;
    /// - each instrument's claims sum to zero over all books (every loan is owed by someone), each
    ///   book on its sector's side of it;
    /// - nobody but dealers (overdrawn by the loans they fund) and the central bank (whose cash is minus
    ///   the money it created) holds negative cash; total cash is what existed at step 0;
    /// - sovereign funds hold no more of a hedge fund's shares than it has outstanding, nor give
    ///   notice on more than they hold;
    /// - every agent's net worth is its assets less its liabilities at current prices, and the net
    ///   worths sum to the wealth that is nobody's liability (step-0 cash, crypto, equities).
    func checkAccounting(tolerance: Double = 1e-9) throws -> Double {
        try checkAccounting(retailCensus(tolerance: tolerance), tolerance: tolerance)
    }

    /// The retail columns summed, and the first trader below the check's floor in each.
    func retailCensus(tolerance: Double = 1e-9) -> RetailCensus { retail.census(floor: -tolerance * moneyScale) }

    /// The check, given the retail population's `census` (taken at `retailCensus(tolerance:)`). After the
    /// prices and the ledger's entries, one pass over the books checks each quantity of each book and sums
    /// it; each sum runs over the books in `forEachBook`'s order, after the retail traders' total.
    func checkAccounting(_ retailTotals: RetailCensus, tolerance: Double = 1e-9) throws -> Double {
        var check = AccountingCheck(step: step, tolerance: tolerance, moneyScale: moneyScale)
        let assets = rules.market.assets, instruments = Instrument.allCases
        for a in assets.indices { try check.finite(prices[a], "market", assets[a].name) }
        // An entry that did not balance first: the balances it broke would only be its symptoms.
        try check.compare(ledgerImbalance.size, 0, scale: 1, "all", "ledger",
                          "entry \(imbalancedEntry) did not balance: off by \(ledgerImbalance.size) "
                            + "of its quantity's scale")
        let sides = instruments.map { Self.instrumentSides[$0]! }
        var held = assets.indices.map { $0 == retailAsset ? retailTotals.units : 0 }
        var owed = assets.map { _ in 0.0 }, issued = assets.map { _ in false }
        var claims = instruments.map { $0 == .marginLoan ? -retailTotals.loan : 0 }
        var cash = retailTotals.cash
        // The balance sheets, summed in the same pass (in `balanceSheets`' order: every book, then retail);
        // the first not finite is reported after the books' own checks, as a walk of the sheets would.
        let navs = navs()
        var netWorth = 0.0, gross = 0.0, firstNonFinite: BalanceSheet?
        func sum(_ sheet: BalanceSheet) {
            let finite = sheet.assets.isFinite && sheet.liabilities.isFinite
            if firstNonFinite == nil && !finite { firstNonFinite = sheet }
            netWorth += sheet.netWorth
            gross += sheet.assets
        }
        try forEachBook { account, book in
            sum(balanceSheet(account, book, navs: navs))
            for a in assets.indices {
                if issuer(of: a, is: account) {
                    try check.finite(book.units[a], account.description, assets[a].name)
                    owed[a] -= book.units[a]
                    issued[a] = true
                } else {
                    try check.holding(book.units[a], account.description, assets[a].name, scale: assets[a].supply)
                    held[a] += book.units[a]
                }
            }
            for (k, instrument) in instruments.enumerated() {
                let claim = book[instrument]
                if sides[k].lenders.contains(account.sector) {
                    try check.holding(claim, account.description, instrument.description, scale: moneyScale)
                } else if sides[k].borrowers.contains(account.sector) {
                    try check.holding(-claim, account.description, instrument.description, scale: moneyScale)
                } else {
                    try check.compare(claim, 0, scale: moneyScale, account.description, instrument.description,
                                      "holds \(claim), not its sector's instrument")
                }
                claims[k] += claim
            }
            if account.sector == .dealer || account.sector == .centralBank {
                try check.finite(book.cash, account.description, "cash")
            } else {
                try check.holding(book.cash, account.description, "cash", scale: moneyScale)
            }
            cash += book.cash
        }
        for a in assets.indices {
            try check.finite(held[a], "retail", assets[a].name)
            try check.compare(held[a], outstanding[a], scale: outstanding[a], "all", assets[a].name,
                              "holdings sum to \(held[a]), amount outstanding is \(outstanding[a])")
            if issued[a] {
                try check.compare(owed[a], outstanding[a], scale: outstanding[a], "issuers", assets[a].name,
                                  "owe \(owed[a]) units, \(outstanding[a]) are outstanding")
            }
        }
        let retailAssetName = assets[retailAsset].name
        let lowest = [("cash", retailTotals.firstLowCash, retail.cash),
                      (retailAssetName, retailTotals.firstLowUnits, retail.units),
                      ("margin_loan", retailTotals.firstLowLoan, retail.loan)]
        for case let (name, i?, column) in lowest {
            try check.holding(column[i], "retail[\(i)]", name, scale: moneyScale)
        }
        for (k, instrument) in instruments.enumerated() {
            try check.compare(claims[k], 0, scale: moneyScale, "all", instrument.description,
                              "lent and borrowed differ by \(claims[k]): a claim on one side of the ledger only")
        }
        try check.finite(cash, "all", "cash")
        try check.compare(cash, initialCash, scale: moneyScale, "all", "cash",
                          "cash totals \(cash) (the central bank's created money netted) without a recorded flow; "
                            + "step 0 had \(initialCash)")
        try checkFundShares(&check)
        sum(retailSheet(retailTotals))
        if let sheet = firstNonFinite {
            try check.finite(sheet.assets, sheet.agent, "assets")
            try check.finite(sheet.liabilities, sheet.agent, "liabilities")
        }
        try check.compare(netWorth, outsideWealth, scale: gross, "all", "net_worth",
                          "net worths (assets - liabilities at current prices) sum to \(netWorth), "
                            + "wealth that is nobody's liability is \(outsideWealth)")
        return check.worst
    }

    /// Hedge-fund shares: none negative; investors hold no more than are outstanding, nor give notice
    /// on more than they hold.
    private func checkFundShares(_ check: inout AccountingCheck) throws {
        for i in hedgeFunds.indices {
            try check.holding(hedgeFunds[i].shares, "hedge_fund[\(i)]", "shares", scale: hedgeFunds[i].shares)
            var held = 0.0
            for s in sovereignFunds.indices {
                let stake = sovereignFunds[s].stakes[i]
                try check.holding(stake, "sovereign_fund[\(s)]", "shares of hedge_fund[\(i)]",
                                  scale: hedgeFunds[i].shares)
                let noticed = hedgeFunds[i].noticedShares(by: s)
                guard noticed <= stake + check.tolerance * hedgeFunds[i].shares else {
                    throw check.violation("sovereign_fund[\(s)]", "shares of hedge_fund[\(i)]",
                                          "gave notice on \(noticed) shares, holds \(stake)")
                }
                held += stake
            }
            guard held <= hedgeFunds[i].shares * (1 + check.tolerance) else {
                throw check.violation("hedge_fund[\(i)]", "shares",
                                      "investors hold \(held) shares, \(hedgeFunds[i].shares) are outstanding")
            }
        }
    }

    /// Cash of all agents but the central bank, given the retail traders' in total.
    func totalCash(retailCash: Double) -> Double {
        var cash = retailCash
        forEachBook { account, book in cash += account.sector == .centralBank ? 0 : book.cash }
        return cash
    }
}

/// The comparisons of one stock-flow check, keeping the largest relative error. Names and details
/// are autoclosures: built only for a violation, not at every step.
struct AccountingCheck {
    let step: Int
    let tolerance: Double
    let moneyScale: Double
    private(set) var worst = 0.0

    init(step: Int, tolerance: Double, moneyScale: Double) {
        (self.step, self.tolerance, self.moneyScale) = (step, tolerance, moneyScale)
    }

    func violation(_ agent: String, _ instrument: String, _ detail: String) -> AccountingViolation {
        AccountingViolation(step: step, agent: agent, instrument: instrument, detail: detail)
    }

    func finite(_ x: Double, _ agent: @autoclosure () -> String, _ instrument: @autoclosure () -> String) throws {
        guard x.isFinite else { throw violation(agent(), instrument(), "balance is \(x)") }
    }

    /// `actual` equals `expected` within `tolerance` relative to `scale` (at least 1).
    mutating func compare(_ actual: Double, _ expected: Double, scale: Double, _ agent: @autoclosure () -> String,
                          _ instrument: @autoclosure () -> String, _ detail: @autoclosure () -> String) throws {
        let error = abs(actual - expected) / max(scale, 1)
        worst = max(worst, error)
        guard error <= tolerance else { throw violation(agent(), instrument(), detail()) }
    }

    /// A balance that must be finite and not negative (beyond rounding relative to `scale`).
    func holding(_ x: Double, _ agent: @autoclosure () -> String, _ instrument: @autoclosure () -> String,
                 scale: Double) throws {
        try finite(x, agent(), instrument())
        guard x >= -tolerance * scale else { throw violation(agent(), instrument(), "negative balance \(x)") }
    }
}
