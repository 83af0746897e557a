import Economy

/// Who holds and who issues what: payments to holders, issuance, yields and per-sector holdings.
extension World {
    /// Pays `perUnit` in cash on every unit of asset `a` held by a private agent (the central bank
    /// remits what it would receive; issuers owe, not hold); `payers` says who pays how much of the
    /// total, in one entry. Returns the total paid.
    @discardableResult
    mutating func payHolders(of a: Int, perUnit: Double, _ name: String,
                             payers: (_ total: Double) -> [(AgentID, Double)]) -> Double {
        guard perUnit > 0 else { return 0 }
        var entry = openEntry(name, lines: 64), paid = 0.0  // a line per holder: every book may hold the asset
        forEachBook { account, book in
            guard account.sector != .centralBank && !issuer(of: a, is: account) else { return }
            let amount = perUnit * book.units[a]
            guard amount != 0 else { return }  // most books hold none of a given asset
            entry.add(amount, .cash, account)
            paid += amount
        }
        if a == retailAsset {
            let received = retail.payDividends(perUnit: perUnit)
            entry.retail(received, .cash)
            paid += received
        }
        for (payer, amount) in payers(paid) { entry.add(-amount, .cash, payer) }
        post(&entry)
        return paid
    }

    /// Units of each asset held by all agents of `sector`, in index order.
    func units(of sector: SectorID) -> [Double] {
        var units = prices.map { _ in 0.0 }
        forEachBook(of: sector) { _, book in
            for a in units.indices { units[a] += book.units[a] }
        }
        return units
    }

    /// Whether `account` issues asset `a`: its sales create units (it owes them: negative units in its
    /// book), its purchases retire them.
    func issuer(of a: Int, is account: AgentID) -> Bool {
        (a == governmentBond && account.sector == .government) || (a == hyperscalerBond && account.sector == .hyperscaler)
    }

    /// `units` of asset `a` newly issued (negative: retired) in a clearing round.
    mutating func issue(_ units: Double, of a: Int, into log: inout StepLog) {
        outstanding[a] += units
        if a == governmentBond { log.issued += units } else { log.corporateIssued += units }
    }

    /// Yield of bond `a` at the current price, and at its initial price (`AssetSpec.yield(at:)`).
    func yield(_ a: Int) -> Double { rules.market.assets[a].yield(at: prices[a]) ?? 0 }
    func initialYield(_ a: Int) -> Double { rules.market.assets[a].yield(at: rules.market.assets[a].initialPrice) ?? 0 }

    /// Units of asset `a` held by private agents: everything outstanding but the central bank's.
    func privatelyHeld(_ a: Int) -> Double { outstanding[a] - (a == governmentBond ? centralBank.bonds : 0) }
}

