import Economy

extension World {
    /// Phase 10: the stock-flow identities (MODEL.md section 5). Returns the largest relative error;
    /// throws `AccountingViolation` naming step, agent and instrument past `tolerance`.
    ///
    /// - every balance and price is finite;
    /// - units of each asset held by all agents sum to its amount outstanding, and the government owes
    ///   exactly the units of its bond outstanding;
    /// - margin loans owed by funds and retail traders equal margin loans held by dealers; repo owed by
    ///   dealers equals repo lent by money funds and the standing repo; reverse-repo deposits equal
    ///   the central bank's liability;
    /// - no fund or trader holds negative cash (shortfalls are borrowed), nobody holds negative units;
    /// - sovereign funds hold no more of a hedge fund's shares than it has outstanding, nor give
    ///   notice on more than they hold;
    /// - every agent's net worth is its assets less its liabilities at current prices, and the net
    ///   worths sum to the wealth that is nobody's liability (step-0 cash, crypto, equities): every
    ///   claim is on both sides of the ledger;
    /// - total cash is what existed at step 0 plus what the central bank's operations created: trades,
    ///   transfers and loans between agents only move it.
    func checkAccounting(tolerance: Double = 1e-9) throws -> Double {
        try checkAccounting(retailCensus(tolerance: tolerance), tolerance: tolerance)
    }

    /// The retail columns summed, and the first trader below the check's floor in each.
    func retailCensus(tolerance: Double = 1e-9) -> RetailCensus { retail.census(floor: -tolerance * moneyScale) }

    /// The check, given the retail population's `census` (taken at `retailCensus(tolerance:)`).
    func checkAccounting(_ retailTotals: RetailCensus, tolerance: Double = 1e-9) throws -> Double {
        var worst = 0.0
        // Names and details are autoclosures: built only for a violation, not at every step.
        func violation(_ agent: String, _ instrument: String, _ detail: String) -> AccountingViolation {
            AccountingViolation(step: step, agent: agent, instrument: instrument, detail: detail)
        }
        func finite(_ x: Double, _ agent: @autoclosure () -> String, _ instrument: @autoclosure () -> String) throws {
            guard x.isFinite else { throw violation(agent(), instrument(), "balance is \(x)") }
        }
        func compare(_ actual: Double, _ expected: Double, scale: Double, _ agent: @autoclosure () -> String,
                     _ instrument: @autoclosure () -> String, _ detail: @autoclosure () -> String) throws {
            let error = abs(actual - expected) / max(scale, 1)
            worst = max(worst, error)
            guard error <= tolerance else { throw violation(agent(), instrument(), detail()) }
        }
        let slack = -tolerance
        /// A balance that must be finite and not negative (beyond rounding relative to `scale`).
        func holding(_ x: Double, _ agent: @autoclosure () -> String, _ instrument: @autoclosure () -> String,
                     scale: Double) throws {
            try finite(x, agent(), instrument())
            guard x >= slack * scale else { throw violation(agent(), instrument(), "negative balance \(x)") }
        }
        for (a, asset) in rules.market.assets.enumerated() {
            try finite(prices[a], "market", asset.name)
            var held = 0.0
            try forEachHolding(of: a) { agent, units in
                try holding(units, agent.description, asset.name, scale: asset.supply)
                held += units
            }
            if a == retailAsset { held += retailTotals.units }
            try finite(held, "retail", asset.name)
            try compare(held, outstanding[a], scale: outstanding[a], "all", asset.name,
                        "holdings sum to \(held), amount outstanding is \(outstanding[a])")
        }
        let retailAssetName = rules.market.assets[retailAsset].name
        let lowest = [("cash", retailTotals.firstLowCash, retail.cash), (retailAssetName, retailTotals.firstLowUnits, retail.units),
                      ("margin_loan", retailTotals.firstLowLoan, retail.loan)]
        for case let (name, i?, column) in lowest { try holding(column[i], "retail[\(i)]", name, scale: moneyScale) }
        let bond = rules.market.assets[governmentBond]
        try compare(government.bondsOutstanding, outstanding[governmentBond], scale: outstanding[governmentBond],
                    "government", bond.name, "owes \(government.bondsOutstanding) units, \(outstanding[governmentBond]) are outstanding")
        try holding(government.cash, "government", "cash", scale: moneyScale)
        try holding(realEconomy.cash, "real_economy", "cash", scale: moneyScale)
        for (s, fund) in sovereignFunds.enumerated() { try holding(fund.cash, "sovereign_fund[\(s)]", "cash", scale: moneyScale) }
        for (l, lab) in aiLabs.enumerated() { try holding(lab.cash, "ai_lab[\(l)]", "cash", scale: moneyScale) }
        var corporateOwed = 0.0
        for (h, firm) in hyperscalers.enumerated() {
            try holding(firm.cash, "hyperscaler[\(h)]", "cash", scale: moneyScale)
            try holding(firm.bondsOwed, "hyperscaler[\(h)]", rules.market.assets[hyperscalerBond].name, scale: outstanding[hyperscalerBond])
            corporateOwed += firm.bondsOwed
        }
        try compare(corporateOwed, outstanding[hyperscalerBond], scale: outstanding[hyperscalerBond], "hyperscalers",
                    rules.market.assets[hyperscalerBond].name, "owe \(corporateOwed) units, \(outstanding[hyperscalerBond]) are outstanding")
        var repoLent = centralBank.standingRepo, repoOwed = 0.0, deposits = 0.0
        for (i, m) in moneyFunds.enumerated() {
            try holding(m.cash, "money_fund[\(i)]", "cash", scale: moneyScale)
            try holding(m.repoLent, "money_fund[\(i)]", "repo", scale: moneyScale)
            try holding(m.reverseRepo, "money_fund[\(i)]", "reverse_repo", scale: moneyScale)
            repoLent += m.repoLent
            deposits += m.reverseRepo
        }
        try holding(centralBank.standingRepo, "central_bank", "standing_repo", scale: moneyScale)
        try compare(deposits, centralBank.reverseRepo, scale: moneyScale, "central_bank", "reverse_repo",
                    "money funds hold \(deposits) in reverse repo, the central bank owes \(centralBank.reverseRepo)")
        var owed = retailTotals.loan, lent = 0.0
        for (i, f) in hedgeFunds.enumerated() {
            try holding(f.cash, "hedge_fund[\(i)]", "cash", scale: moneyScale)
            try finite(f.loan, "hedge_fund[\(i)]", "margin_loan")
            owed += f.loan
            try holding(f.shares, "hedge_fund[\(i)]", "shares", scale: f.shares)
            var held = 0.0
            for s in sovereignFunds.indices {
                let stake = sovereignFunds[s].stakes[i]
                try holding(stake, "sovereign_fund[\(s)]", "shares of hedge_fund[\(i)]", scale: f.shares)
                let noticed = f.noticedShares(by: s)
                guard noticed <= stake + tolerance * f.shares else {
                    throw violation("sovereign_fund[\(s)]", "shares of hedge_fund[\(i)]", "gave notice on \(noticed) shares, holds \(stake)")
                }
                held += stake
            }
            guard held <= f.shares * (1 + tolerance) else {
                throw violation("hedge_fund[\(i)]", "shares", "investors hold \(held) shares, \(f.shares) are outstanding")
            }
        }
        for (i, d) in dealers.enumerated() {
            try finite(d.cash, "dealer[\(i)]", "cash")
            try finite(d.marginLoans, "dealer[\(i)]", "margin_loan")
            try holding(d.repoBorrowed, "dealer[\(i)]", "repo", scale: moneyScale)
            lent += d.marginLoans
            repoOwed += d.repoBorrowed
        }
        try compare(repoOwed, repoLent, scale: moneyScale, "all", "repo",
                    "dealers owe \(repoOwed) in repo, money funds and the standing repo lent \(repoLent)")
        try compare(owed, lent, scale: moneyScale, "all", "margin_loan",
                    "funds and retail traders owe \(owed) in margin loans, dealers hold \(lent)")
        let cash = totalCash(retailCash: retailTotals.cash)
        try finite(cash, "all", "cash")
        let expected = initialCash + centralBank.created
        try compare(cash, expected, scale: moneyScale, "all", "cash",
                    "cash totals \(cash) without a recorded flow; expected \(expected) (step 0 plus central-bank operations)")
        let sheets = balanceSheets(retail: retailTotals)
        for sheet in sheets {
            try finite(sheet.assets, sheet.agent, "assets")
            try finite(sheet.liabilities, sheet.agent, "liabilities")
        }
        let netWorth = sheets.reduce(0) { $0 + $1.netWorth }, gross = sheets.reduce(0) { $0 + $1.assets }
        try compare(netWorth, outsideWealth, scale: gross, "all", "net_worth",
                    "net worths (assets - liabilities at current prices) sum to \(netWorth), wealth that is nobody's liability is \(outsideWealth)")
        return worst
    }

    var totalCash: Double { totalCash(retailCash: retail.census().cash) }

    /// Cash of all agents, given the retail traders' in total.
    func totalCash(retailCash: Double) -> Double {
        hedgeFunds.reduce(0) { $0 + $1.cash } + dealers.reduce(0) { $0 + $1.cash } + retailCash
            + government.cash + moneyFunds.reduce(0) { $0 + $1.cash } + hyperscalers.reduce(0) { $0 + $1.cash }
            + realEconomy.cash + sovereignFunds.reduce(0) { $0 + $1.cash } + aiLabs.reduce(0) { $0 + $1.cash }
    }
}
