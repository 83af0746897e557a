import Economy
import Foundation
import Stochastics

extension World {
    /// One trading day. ODD "process overview and scheduling": the phases run in this order, each
    /// once per step; within a phase agents act synchronously on the same snapshot (they return
    /// orders; nothing is applied until settlement), so the order of agents never matters.
    ///
    ///  1. Scenario events due this step            (none yet)
    ///  2. Central bank: policy rate, QE/QT          (not yet modelled)
    ///  3. Cash flows: wages, coupons, earnings      (not yet modelled)
    ///  4. Funding needs: capex, calls, margin        (not yet modelled)
    ///  5. Dealers set haircuts and balance sheet     (not yet modelled)
    ///  6. Orders: institutions give demand curves, retail market orders, dealers liquidity
    ///  7. Clearing per market by Brent root finding on excess demand; unresolved excess rationed
    ///  8. Funding market (repo)                      (not yet modelled)
    ///  9. Settlement and the stock-flow check; a violation stops the run
    /// 10. Recording: returns the step's `StepRecord` to the caller, who writes it
    public mutating func advance() throws -> StepRecord {
        step += 1
        let curves = submitOrders()                                  // 6
        let results = try clearMarkets(curves)                       // 7
        settle(curves, results)                                      // 9
        let error = try checkAccounting()                            // 9
        return record(results, accountingError: error)               // 10
    }

    /// Phase 6: every participant's demand in each market, from the state at the start of the step.
    mutating func submitOrders() -> [[DemandCurve]] {
        let lookback = min(rules.retail.trendLookback, history.count - 1)
        let trend = history[history.count - 1][0] - history[history.count - 1 - lookback][0]
        retail.submitOrders(trend: trend, rules: rules.retail, stream: retailStream)
        return rules.market.assets.indices.map { a in
            var curves: [DemandCurve] = []
            for (i, fund) in hedgeFunds.enumerated() {
                curves.append(DemandCurve(.hedgeFund(i), fund.demand(asset: a, prices: prices, rules: rules.hedgeFund)))
            }
            for (i, dealer) in dealers.enumerated() {
                curves.append(DemandCurve(.dealer(i), dealer.demand(asset: a, reference: prices[a], rules: rules.dealer)))
            }
            if a == 0 {
                let cash = retail.totalBuyCash, units = retail.totalSellUnits
                curves.append(DemandCurve(.retailBuys) { cash / $0 })
                curves.append(DemandCurve(.retailSells) { _ in -units })
            }
            return curves
        }
    }

    /// Phase 7: one clearing round per market (forced-sale rounds come with margin calls).
    func clearMarkets(_ curves: [[DemandCurve]]) throws -> [ClearingResult] {
        try curves.indices.map { a in
            try Clearing.clear(curves[a], reference: prices[a], maxLogMove: rules.market.maxLogMove,
                               tolerance: rules.market.priceTolerance)
        }
    }

    /// Phase 9: fills move units and cash between balance sheets at the clearing price.
    mutating func settle(_ curves: [[DemandCurve]], _ results: [ClearingResult]) {
        for (a, result) in results.enumerated() {
            let p = result.price
            for (curve, fill) in zip(curves[a], result.fills) {
                switch curve.participant {
                case let .hedgeFund(i):
                    hedgeFunds[i].units[a] += fill
                    hedgeFunds[i].cash -= fill * p
                case let .dealer(i):
                    dealers[i].units[a] += fill
                    dealers[i].cash -= fill * p
                case .retailBuys, .retailSells:
                    break
                }
            }
            if a == 0 {
                let wantedBuy = retail.totalBuyCash / p, wantedSell = retail.totalSellUnits
                let buyFill = fillRatio(curves[a], result, .retailBuys, wanted: wantedBuy)
                let sellFill = fillRatio(curves[a], result, .retailSells, wanted: wantedSell)
                retail.settle(price: p, buyFill: buyFill, sellFill: sellFill)
            }
            prices[a] = p
        }
        history.append(prices.map { log($0) })
        if history.count > 512 { history.removeFirst(history.count - 256) }
    }

    private func fillRatio(_ curves: [DemandCurve], _ result: ClearingResult, _ who: Participant, wanted: Double) -> Double {
        guard wanted > 0, let i = curves.firstIndex(where: { $0.participant == who }) else { return 0 }
        return abs(result.fills[i]) / wanted
    }

    /// Phase 9: the stock-flow identities. Returns the largest relative error; throws past tolerance.
    func checkAccounting(tolerance: Double = 1e-9) throws -> Double {
        var worst = 0.0
        func finite(_ x: Double, _ agent: String, _ instrument: String) throws {
            guard x.isFinite else {
                throw AccountingViolation(step: step, agent: agent, instrument: instrument, detail: "balance is \(x)")
            }
        }
        for (a, asset) in rules.market.assets.enumerated() {
            try finite(prices[a], "market", asset.name)
            var held = 0.0
            for (i, f) in hedgeFunds.enumerated() { try finite(f.units[a], "hedge_fund[\(i)]", asset.name); held += f.units[a] }
            for (i, d) in dealers.enumerated() { try finite(d.units[a], "dealer[\(i)]", asset.name); held += d.units[a] }
            if a == 0 { held += retail.units.reduce(0, +) }
            let error = abs(held - asset.supply) / asset.supply
            worst = max(worst, error)
            if !(error <= tolerance) {
                throw AccountingViolation(step: step, agent: "all", instrument: asset.name,
                                          detail: "holdings sum to \(held), amount outstanding is \(asset.supply)")
            }
        }
        let cash = totalCash
        try finite(cash, "all", "cash")
        let error = abs(cash - initialCash) / initialCash
        worst = max(worst, error)
        if !(error <= tolerance) {
            throw AccountingViolation(step: step, agent: "all", instrument: "cash",
                                      detail: "cash totals \(cash) without a recorded flow; expected \(initialCash)")
        }
        return worst
    }

    var totalCash: Double {
        hedgeFunds.reduce(0) { $0 + $1.cash } + dealers.reduce(0) { $0 + $1.cash } + retail.cash.reduce(0, +)
    }

    func record(_ results: [ClearingResult], accountingError: Double) -> StepRecord {
        let n = rules.market.assets.count
        let last = history[history.count - 2]
        return StepRecord(
            step: step, prices: prices,
            logReturns: (0..<n).map { history[history.count - 1][$0] - last[$0] },
            volumes: results.map(\.volume), residuals: results.map(\.residual), clearingRounds: 1,
            hedgeFundUnits: (0..<n).map { a in hedgeFunds.reduce(0) { $0 + $1.units[a] } },
            dealerUnits: (0..<n).map { a in dealers.reduce(0) { $0 + $1.units[a] } },
            retailUnits: (0..<n).map { a in a == 0 ? retail.units.reduce(0, +) : 0 },
            retailBuyOrders: retail.totalBuyCash, retailSellOrders: retail.totalSellUnits,
            totalCash: totalCash, accountingError: accountingError)
    }
}
