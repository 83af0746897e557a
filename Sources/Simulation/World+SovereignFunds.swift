import Economy

extension World {
    /// Phase 3: labs spend a share of their cash on compute, the hyperscalers' revenue (equal shares).
    mutating func buyCompute(into log: inout StepLog) {
        guard !hyperscalers.isEmpty else { return }
        var entry = openEntry("compute")
        for l in aiLabs.indices {
            let spent = rules.aiLab.computeRate * aiLabs[l].cash
            entry.add(-spent, .cash, .aiLab(l))
            log.compute += spent
        }
        for h in hyperscalers.indices { entry.add(log.compute / Double(hyperscalers.count), .cash, .hyperscaler(h)) }
        post(&entry)
        recordHyperscalerIncome(log.cloud + log.compute)
    }

    /// Phase 4: labs call committed capital; each sovereign fund owes an equal part (with no sovereign
    /// fund there is no commitment to call).
    mutating func callCapital(into log: inout StepLog) {
        guard !sovereignFunds.isEmpty else { return }
        var entry = openEntry("capital called")
        for l in aiLabs.indices {
            let call = aiLabs[l].call(rules: rules.aiLab)
            aiLabs[l].called += call
            entry.add(call, .claim(.capitalCall), .aiLab(l))
            log.capitalCalls += call
        }
        for s in sovereignFunds.indices {
            entry.add(-log.capitalCalls / Double(sovereignFunds.count), .claim(.capitalCall), .sovereignFund(s))
        }
        post(&entry)
    }

    /// The order a sovereign fund sells in: each holding of its conviction list scored by its place there
    /// (believed in least first) and by its expected price impact (the sector's holding over the value
    /// traded in the last step; markets that did not trade after those that did; hedge-fund stakes,
    /// redeemed after a notice lag, last), both as ranks from 0 to 1, blended by `liquidity_weight`;
    /// lowest score first, ties in conviction order.
    func sellRanking() -> [RankedHolding] {
        let assets = rules.market.assets, weight = rules.sovereignFund.liquidityWeight
        let listed: [RankedHolding] = rules.sovereignFund.conviction.compactMap { name in
            name == RankedHolding.hedgeFundsName ? .hedgeFunds : assets.firstIndex { $0.name == name }.map { .asset($0) }
        }
        let held = units(of: .sovereignFund)
        func impact(_ h: RankedHolding) -> (Int, Double) {
            guard case let .asset(a) = h else { return (2, 0) }
            return tradedValue[a] > 0 ? (0, held[a] * prices[a] / tradedValue[a]) : (1, 0)
        }
        let impacts = listed.map(impact)
        let byImpact = listed.indices.sorted { (impacts[$0].0, impacts[$0].1, $0) < (impacts[$1].0, impacts[$1].1, $1) }
        var impactRank = listed.map { _ in 0.0 }
        let scale = Double(max(listed.count - 1, 1))
        for (rank, i) in byImpact.enumerated() { impactRank[i] = Double(rank) / scale }
        let score = listed.indices.map { (1 - weight) * Double($0) / scale + weight * impactRank[$0] }
        return listed.indices.sorted { (score[$0], $0) < (score[$1], $1) }.map { listed[$0] }
    }

    /// Phase 6 (first round): into each asset's curves, sovereign funds' forced sales to meet calls (market orders),
    /// and the purchases of funds flush with cash, spread over their strategic holdings by step-0 value.
    func appendSovereignOrders(to curves: inout [[DemandCurve]]) {
        let ranking = sellRanking(), rules = rules.sovereignFund, weights = strategicWeights()
        for (s, fund) in sovereignFunds.enumerated() {
            let sales = fund.forcedSales(ranking: ranking, prices: prices, pending: pendingRedemptions(s),
                                         redeemable: redeemableStakes(s), rules: rules).sales
            let budget = fund.investable(rules: rules)
            for a in prices.indices {
                let sale = sales[a], spend = budget * weights[a]
                if sale > 0 {
                    curves[a].append(.units(-sale, .sovereignFund(s), forced: true))
                } else if spend > 0 {
                    curves[a].append(.spending(spend, .sovereignFund(s)))
                }
            }
        }
    }

    /// Each asset's share of the sector's step-0 holdings by value.
    func strategicWeights() -> [Double] {
        let values = rules.market.assets.map { asset in
            rules.sovereignFund.share(of: asset.name) * asset.supply * asset.initialPrice
        }
        let total = values.reduce(0, +)
        return values.map { total > 0 ? $0 / total : 0 }
    }

    /// Phase 9: sovereign funds pay what they owe on calls from their cash; labs receive it in
    /// proportion to what each is still owed.
    mutating func payCapitalCalls(into log: inout StepLog) {
        var paid = 0.0, entry = openEntry("capital calls paid")
        for s in sovereignFunds.indices {
            let pay = min(sovereignFunds[s].owed, max(sovereignFunds[s].cash, 0))
            entry.add(-pay, .cash, .sovereignFund(s))
            entry.add(pay, .claim(.capitalCall), .sovereignFund(s))
            paid += pay
        }
        let receivable = aiLabs.map { $0.book[.capitalCall] }
        let total = receivable.reduce(0, +)
        defer { post(&entry) }
        guard paid > 0, total > 0 else { return }
        for l in aiLabs.indices {
            let share = paid * receivable[l] / total
            entry.add(share, .cash, .aiLab(l))
            entry.add(-share, .claim(.capitalCall), .aiLab(l))
        }
        log.capitalPaid = paid
    }
}
