import Economy
import Foundation

extension World {
    /// Per asset, its issuer's gross debt at face value (units owed at the initial price) over a year of
    /// operating cash flow: the hyperscalers' bond only (the government's is the benchmark).
    func issuerLeverage() -> [Double] {
        prices.indices.map { a in
            guard a == hyperscalerBond, hyperscalerIncome > 0 else { return 0 }
            let owed = hyperscalers.reduce(0) { $0 + $1.bondsOwed } * rules.market.assets[a].initialPrice
            return owed / (hyperscalerIncome * Self.stepsPerYear)
        }
    }

    /// Phase 3: this step's operating cash flow enters the smoothed income, with the weight of dividends.
    mutating func recordHyperscalerIncome(_ income: Double) {
        hyperscalerIncome += Self.dividendMemory * (income - hyperscalerIncome)
    }

    /// Phase 4: each hyperscaler's capex bill for the day, from its plan and its cost of capital (its
    /// bond's yield at the morning's price, against step 0).
    mutating func billCapex() {
        let y = yield(hyperscalerBond), y0 = initialYield(hyperscalerBond)
        for h in hyperscalers.indices {
            hyperscalers[h].bill = hyperscalers[h].capexBill(yield: y, initialYield: y0, rules: rules.hyperscaler)
        }
    }

    /// Phase 6 (first round): the funding waterfall as market orders in each asset's curves: Treasuries sold,
    /// bonds issued.
    func appendHyperscalerOrders(to curves: inout [[DemandCurve]]) {
        for (h, firm) in hyperscalers.enumerated() {
            let need = firm.funding(bill: firm.bill, treasury: governmentBond, treasuryPrice: prices[governmentBond],
                                    bondPrice: prices[hyperscalerBond], rules: rules.hyperscaler)
            if need.treasuries > 0 { curves[governmentBond].append(.units(-need.treasuries, .hyperscaler(h))) }
            if need.bonds > 0 { curves[hyperscalerBond].append(.units(-need.bonds, .hyperscaler(h))) }
        }
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
