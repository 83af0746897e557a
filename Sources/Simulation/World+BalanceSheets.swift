import Economy

/// One agent's balance sheet at current prices: financial assets and liabilities.
public struct BalanceSheet: Sendable, Equatable {
    /// `hedge_fund[3]`, or a whole sector (`retail`, `government`, `central_bank`, `real_economy`).
    public let agent: String
    public var assets = 0.0
    public var liabilities = 0.0
    public var netWorth: Double { assets - liabilities }
}

extension World {
    /// Every agent's balance sheet at current prices (retail traders as one sector, from `retail`'s
    /// sums). Bonds are owed
    /// by their issuers at market value; a hedge fund owes its sovereign investors their stakes at
    /// NAV; the central bank owes the cash it created and the reverse-repo deposits it holds. Unpaid
    /// capex bills are orders, not claims, and are left out.
    func balanceSheets(retail totals: RetailCensus) -> [BalanceSheet] {
        let b = governmentBond, h = hyperscalerBond
        func value(_ units: [Double]) -> Double { zip(units, prices).reduce(0) { $0 + $1.0 * $1.1 } }
        let navs = navs()
        var sheets = hedgeFunds.enumerated().map { i, f in
            let owed = sovereignFunds.reduce(0) { $0 + $1.stakes[i] } * navs[i]
            return BalanceSheet(agent: "hedge_fund[\(i)]", assets: f.cash + f.positions(prices), liabilities: f.loan + owed)
        }
        sheets += dealers.enumerated().map { i, d in
            BalanceSheet(agent: "dealer[\(i)]", assets: d.cash + value(d.units) + d.marginLoans, liabilities: d.repoBorrowed)
        }
        sheets.append(BalanceSheet(agent: "retail", assets: totals.cash + totals.units * prices[retailAsset], liabilities: totals.loan))
        sheets.append(BalanceSheet(agent: "government", assets: government.cash, liabilities: government.bondsOutstanding * prices[b]))
        sheets += moneyFunds.enumerated().map { i, m in
            BalanceSheet(agent: "money_fund[\(i)]", assets: m.cash + m.bonds * prices[b] + m.repoLent + m.reverseRepo)
        }
        sheets.append(BalanceSheet(agent: "central_bank", assets: centralBank.bonds * prices[b] + centralBank.standingRepo,
                                   liabilities: centralBank.reverseRepo + centralBank.created))
        sheets += hyperscalers.enumerated().map { i, f in
            BalanceSheet(agent: "hyperscaler[\(i)]", assets: f.cash + value(f.units.indices.map { $0 == h ? 0 : f.units[$0] }),
                         liabilities: f.bondsOwed * prices[h])
        }
        sheets.append(BalanceSheet(agent: "real_economy", assets: realEconomy.cash))
        sheets += sovereignFunds.enumerated().map { s, f in
            BalanceSheet(agent: "sovereign_fund[\(s)]", assets: f.cash + value(f.units) + f.stakeValue(navs: navs),
                         liabilities: f.owed)
        }
        sheets += aiLabs.enumerated().map { l, lab in
            BalanceSheet(agent: "ai_lab[\(l)]", assets: lab.cash + lab.called - lab.received)
        }
        return sheets
    }

    /// Every agent's balance sheet now, retail traders summed into one sector (snapshots.csv).
    public func balanceSheets() -> [BalanceSheet] { balanceSheets(retail: retail.census()) }

    /// Wealth that is nobody's liability: the cash of step 0 and every asset that is not a bond
    /// (crypto, equities) at current prices. Inside claims cancel, so the agents' net worths sum to it.
    var outsideWealth: Double {
        initialCash + rules.market.assets.indices.reduce(0) { total, a in
            total + (rules.market.assets[a].kind == .bond ? 0 : outstanding[a] * prices[a])
        }
    }
}
