import Economy

/// Who holds what: the one place that lists every sector's holdings of an asset, for payments,
/// the accounting check and the recorder.
extension World {
    /// Calls `body` with every institutional holding of asset `a` and its holder (retail traders are
    /// summed apart).
    func forEachHolding(of a: Int, _ body: (AgentName, Double) throws -> Void) rethrows {
        for i in hedgeFunds.indices { try body(AgentName("hedge_fund", i), hedgeFunds[i].units[a]) }
        for i in dealers.indices { try body(AgentName("dealer", i), dealers[i].units[a]) }
        for i in hyperscalers.indices { try body(AgentName("hyperscaler", i), hyperscalers[i].units[a]) }
        for i in sovereignFunds.indices { try body(AgentName("sovereign_fund", i), sovereignFunds[i].units[a]) }
        if a == governmentBond {
            for i in moneyFunds.indices { try body(AgentName("money_fund", i), moneyFunds[i].bonds) }
            try body(AgentName("central_bank"), centralBank.bonds)
        }
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

/// An agent's label in reports ("hedge_fund[2]", "central_bank"), made into text only when printed.
struct AgentName: CustomStringConvertible {
    let kind: String, index: Int?

    init(_ kind: String, _ index: Int? = nil) { (self.kind, self.index) = (kind, index) }

    var description: String { index.map { "\(kind)[\($0)]" } ?? kind }
}
