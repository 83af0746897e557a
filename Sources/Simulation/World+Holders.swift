import Economy

/// Who holds what: the one place that lists every sector's holdings of an asset, for payments,
/// the accounting check and the recorder.
extension World {
    /// Every institutional holding of asset `a`, by agent label (retail traders are summed apart).
    func holdings(of a: Int) -> [(agent: String, units: Double)] {
        var list = hedgeFunds.enumerated().map { ("hedge_fund[\($0)]", $1.units[a]) }
            + dealers.enumerated().map { ("dealer[\($0)]", $1.units[a]) }
            + hyperscalers.enumerated().map { ("hyperscaler[\($0)]", $1.units[a]) }
            + sovereignFunds.enumerated().map { ("sovereign_fund[\($0)]", $1.units[a]) }
        if a == governmentBond {
            list += moneyFunds.enumerated().map { ("money_fund[\($0)]", $1.bonds) }
            list.append(("central_bank", centralBank.bonds))
        }
        return list
    }

    /// Pays `perUnit` in cash on every unit of asset `a` held by a private agent (the central bank
    /// remits what it would receive). Returns the total paid; the payer's cash is the caller's.
    mutating func payHolders(of a: Int, perUnit: Double) -> Double {
        guard perUnit > 0 else { return 0 }
        var paid = 0.0
        for i in hedgeFunds.indices { hedgeFunds[i].cash += perUnit * hedgeFunds[i].units[a]; paid += perUnit * hedgeFunds[i].units[a] }
        for i in dealers.indices { dealers[i].cash += perUnit * dealers[i].units[a]; paid += perUnit * dealers[i].units[a] }
        for i in hyperscalers.indices { hyperscalers[i].cash += perUnit * hyperscalers[i].units[a]; paid += perUnit * hyperscalers[i].units[a] }
        for i in sovereignFunds.indices { sovereignFunds[i].cash += perUnit * sovereignFunds[i].units[a]; paid += perUnit * sovereignFunds[i].units[a] }
        if a == governmentBond {
            for m in moneyFunds.indices { moneyFunds[m].cash += perUnit * moneyFunds[m].bonds; paid += perUnit * moneyFunds[m].bonds }
        }
        if a == retailAsset {
            paid += retail.payDividends(perUnit: perUnit)
        }
        return paid
    }

    /// Yield of bond `a` at the current price, and at its initial price (`AssetSpec.yield(at:)`).
    func yield(_ a: Int) -> Double { rules.market.assets[a].yield(at: prices[a]) ?? 0 }
    func initialYield(_ a: Int) -> Double { rules.market.assets[a].yield(at: rules.market.assets[a].initialPrice) ?? 0 }

    /// Units of asset `a` held by private agents: everything outstanding but the central bank's.
    func privatelyHeld(_ a: Int) -> Double { outstanding[a] - (a == governmentBond ? centralBank.bonds : 0) }
}
