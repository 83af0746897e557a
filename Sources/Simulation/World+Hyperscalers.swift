import Economy
import Foundation

extension World {
    /// Phase 4: each hyperscaler's capex bill for the day, from its plan and its cost of capital (its
    /// bond's yield at the morning's price, against step 0).
    mutating func billCapex() {
        let y = yield(hyperscalerBond), y0 = initialYield(hyperscalerBond)
        for h in hyperscalers.indices {
            hyperscalers[h].bill = hyperscalers[h].capexBill(yield: y, initialYield: y0, rules: rules.hyperscaler)
        }
    }

    /// Phase 6 (first round): the funding waterfall as market orders, per asset: Treasuries sold,
    /// bonds issued.
    func hyperscalerCurves() -> [[DemandCurve]] {
        var curves = prices.map { _ in [DemandCurve]() }
        for (h, firm) in hyperscalers.enumerated() {
            let need = firm.funding(bill: firm.bill, treasury: governmentBond, treasuryPrice: prices[governmentBond],
                                    bondPrice: prices[hyperscalerBond], rules: rules.hyperscaler)
            for (a, units) in [(governmentBond, need.treasuries), (hyperscalerBond, need.bonds)] where units > 0 {
                curves[a].append(DemandCurve(.hyperscaler(h)) { _ in -units })
            }
        }
        return curves
    }

    /// Phase 9: hyperscalers pay what they can of their capex bills to the real economy; the rest
    /// waits for the next step. The plan grows at `capex_growth`.
    mutating func payCapex(into log: inout StepLog) {
        let growth = exp(rules.hyperscaler.capexGrowth / Self.stepsPerYear)
        for h in hyperscalers.indices {
            let paid = min(hyperscalers[h].bill, max(hyperscalers[h].cash, 0))
            transfer(paid, from: .hyperscaler(h), to: .realEconomy)
            hyperscalers[h].backlog = hyperscalers[h].bill - paid
            hyperscalers[h].plannedCapex *= growth
            realEconomy.revenue += paid
            realEconomy.capex += paid
            log.capex += paid
        }
    }
}
