import Economy

extension World {
    /// Phase 9: the stock-flow identities (MODEL.md section 5). Returns the largest relative error;
    /// throws `AccountingViolation` naming step, agent and instrument past `tolerance`.
    ///
    /// - every balance and price is finite;
    /// - units of each asset held by all agents sum to its amount outstanding, and the government owes
    ///   exactly the units of its bond outstanding;
    /// - margin loans owed by funds and retail traders equal margin loans held by dealers;
    /// - no fund or trader holds negative cash (shortfalls are borrowed), nobody holds negative units;
    /// - total cash is unchanged: trades and loans only move it between agents.
    func checkAccounting(tolerance: Double = 1e-9) throws -> Double {
        var worst = 0.0
        func violation(_ agent: String, _ instrument: String, _ detail: String) -> AccountingViolation {
            AccountingViolation(step: step, agent: agent, instrument: instrument, detail: detail)
        }
        func finite(_ x: Double, _ agent: String, _ instrument: String) throws {
            guard x.isFinite else { throw violation(agent, instrument, "balance is \(x)") }
        }
        func compare(_ actual: Double, _ expected: Double, scale: Double, _ agent: String, _ instrument: String,
                     _ detail: String) throws {
            let error = abs(actual - expected) / max(scale, 1)
            worst = max(worst, error)
            guard error <= tolerance else { throw violation(agent, instrument, detail) }
        }
        let slack = -tolerance
        for (a, asset) in rules.market.assets.enumerated() {
            try finite(prices[a], "market", asset.name)
            var held = 0.0
            for (i, f) in hedgeFunds.enumerated() {
                try finite(f.units[a], "hedge_fund[\(i)]", asset.name)
                guard f.units[a] >= slack * asset.supply else { throw violation("hedge_fund[\(i)]", asset.name, "negative holding \(f.units[a])") }
                held += f.units[a]
            }
            for (i, d) in dealers.enumerated() {
                try finite(d.units[a], "dealer[\(i)]", asset.name)
                guard d.units[a] >= slack * asset.supply else { throw violation("dealer[\(i)]", asset.name, "negative holding \(d.units[a])") }
                held += d.units[a]
            }
            if a == retailAsset { held += retail.units.reduce(0, +) }
            if a == governmentBond {
                for (i, m) in moneyFunds.enumerated() {
                    try finite(m.bonds, "money_fund[\(i)]", asset.name)
                    guard m.bonds >= slack * asset.supply else { throw violation("money_fund[\(i)]", asset.name, "negative holding \(m.bonds)") }
                    held += m.bonds
                }
            }
            try finite(held, "retail", asset.name)
            try compare(held, outstanding[a], scale: outstanding[a], "all", asset.name,
                        "holdings sum to \(held), amount outstanding is \(outstanding[a])")
        }
        for (name, column) in [("cash", retail.cash), ("units", retail.units), ("margin_loan", retail.loan)] {
            for (i, x) in column.enumerated() where !(x >= slack * initialCash) {
                throw violation("retail[\(i)]", name == "units" ? rules.market.assets[retailAsset].name : name,
                                x.isFinite ? "negative balance \(x)" : "balance is \(x)")
            }
        }
        let bond = rules.market.assets[governmentBond]
        try compare(government.bondsOutstanding, outstanding[governmentBond], scale: outstanding[governmentBond],
                    "government", bond.name, "owes \(government.bondsOutstanding) units, \(outstanding[governmentBond]) are outstanding")
        try finite(government.cash, "government", "cash")
        for (i, m) in moneyFunds.enumerated() {
            try finite(m.cash, "money_fund[\(i)]", "cash")
            guard m.cash >= slack * initialCash else { throw violation("money_fund[\(i)]", "cash", "negative cash \(m.cash)") }
        }
        guard government.cash >= slack * initialCash else { throw violation("government", "cash", "negative cash \(government.cash)") }
        var owed = retail.loan.reduce(0, +), lent = 0.0
        for (i, f) in hedgeFunds.enumerated() {
            try finite(f.cash, "hedge_fund[\(i)]", "cash")
            try finite(f.loan, "hedge_fund[\(i)]", "margin_loan")
            guard f.cash >= slack * initialCash else { throw violation("hedge_fund[\(i)]", "cash", "negative cash \(f.cash)") }
            owed += f.loan
        }
        for (i, d) in dealers.enumerated() {
            try finite(d.cash, "dealer[\(i)]", "cash")
            try finite(d.marginLoans, "dealer[\(i)]", "margin_loan")
            lent += d.marginLoans
        }
        try compare(owed, lent, scale: initialCash, "all", "margin_loan",
                    "funds and retail traders owe \(owed) in margin loans, dealers hold \(lent)")
        let cash = totalCash
        try finite(cash, "all", "cash")
        try compare(cash, initialCash, scale: initialCash, "all", "cash",
                    "cash totals \(cash) without a recorded flow; expected \(initialCash)")
        return worst
    }

    var totalCash: Double {
        hedgeFunds.reduce(0) { $0 + $1.cash } + dealers.reduce(0) { $0 + $1.cash } + retail.cash.reduce(0, +)
            + government.cash + moneyFunds.reduce(0) { $0 + $1.cash }
    }
}
