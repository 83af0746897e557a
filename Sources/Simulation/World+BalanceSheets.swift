import Economy

/// One agent's balance sheet at current prices: financial assets and liabilities.
public struct BalanceSheet: Sendable, Equatable {
    /// The agent; nil for the retail traders as one sector.
    public let account: AgentID?
    /// `hedge_fund[3]`, or a whole sector (`retail`, `government`, `central_bank`, `real_economy`): named
    /// when read (a name for every book at every step's check would cost more than the check).
    public var agent: String { account?.description ?? "retail" }
    public var assets = 0.0
    public var liabilities = 0.0
    public var netWorth: Double { assets - liabilities }
}

extension World {
    /// Every agent's balance sheet at current prices (retail traders as one sector, from `retail`'s
    /// sums): each quantity of its book on the side its sign puts it (cash, units at the price,
    /// claims; negative cash is owed: a dealer's overdraft, the money the central bank created), plus
    /// what books do not hold yet: a hedge fund owes its sovereign investors their stakes at NAV.
    /// Unpaid capex bills are orders, not claims, and are left out.
    func balanceSheets(retail totals: RetailCensus) -> [BalanceSheet] {
        let navs = navs()
        var sheets: [BalanceSheet] = []
        forEachBook { account, book in sheets.append(balanceSheet(account, book, navs: navs)) }
        sheets.append(retailSheet(totals))
        return sheets
    }

    /// One agent's sheet: each quantity of its book in order (cash, units at the price, claims), then its
    /// stakes (`navs`: every hedge fund's NAV per share).
    func balanceSheet(_ account: AgentID, _ book: Book, navs: [Double]) -> BalanceSheet {
        var sheet = BalanceSheet(account: account)
        sheet.add(book.cash)
        for a in prices.indices { sheet.add(book.units[a] * prices[a]) }
        for claim in book.claims { sheet.add(claim) }
        switch account.sector {
        case .hedgeFund:
            sheet.liabilities += sovereignFunds.reduce(0) { $0 + $1.stakes[account.index] } * navs[account.index]
        case .sovereignFund: sheet.assets += sovereignFunds[account.index].stakeValue(navs: navs)
        default: break
        }
        return sheet
    }

    /// The retail traders as one sector, from their columns' sums.
    func retailSheet(_ totals: RetailCensus) -> BalanceSheet {
        BalanceSheet(account: nil, assets: totals.cash + totals.units * prices[retailAsset], liabilities: totals.loan)
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

private extension BalanceSheet {
    /// A quantity's value: an asset when positive, a liability when negative.
    mutating func add(_ value: Double) {
        if value >= 0 { assets += value } else { liabilities -= value }
    }
}
