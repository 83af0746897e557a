import Economy
import Foundation
import Stochastics

/// The state at step 0: each sector's endowment, with dealers holding what no other sector does.
extension World {
    /// Money funds start at the allocation their rule wants at the initial price, bought from dealers.
    static func moneyFunds(_ rules: Rules, _ stream: RandomStream) -> [MoneyFund] {
        let assets = rules.market.assets, b = assets.firstIndex { $0.name == rules.government.bond }!, bond = assets[b]
        let overnight = rules.centralBank.initialRate - rules.centralBank.floorSpread
        return (0..<rules.moneyFund.count).map { _ in
            var fund = MoneyFund(cash: rules.moneyFund.cash.draw(stream, within: .nonNegative), assets: assets.count, bond: b)
            let units = max(fund.demand(coupon: bond.coupon, overnight: overnight, rules: rules.moneyFund)(bond.initialPrice), 0)
            fund.book.add(units, to: .units(b))
            fund.book.add(-units * bond.initialPrice, to: .cash)
            return fund
        }
    }

    /// Hedge funds, strategy by strategy: each strategy's funds hold its `initial_share` of each of
    /// its assets; holdings beyond a fund's capital start financed by its broker. One share per
    /// dollar of capital (NAV 1).
    static func hedgeFunds(_ rules: Rules, _ stream: RandomStream) -> [HedgeFund] {
        let hf = rules.hedgeFund, assets = rules.market.assets
        var funds: [HedgeFund] = []
        for strategy in hf.strategies {
            let traded = strategy.assets.compactMap { name in assets.firstIndex { $0.name == name } }
            for _ in 0..<strategy.count {
                let capital = hf.capital.draw(stream, within: .positive)
                let units = assets.indices.map { traded.contains($0) ? strategy.initialShare * assets[$0].supply / Double(strategy.count) : 0 }
                let cost = zip(units, assets).reduce(0) { $0 + $1.0 * $1.1.initialPrice }
                let noise = assets.map { _ in stream.gaussian(sd: hf.beliefDispersion) }
                funds.append(HedgeFund(strategy: strategy.strategy, assets: traded, cash: max(capital - cost, 0), units: units,
                                       loan: max(cost - capital, 0), broker: funds.count % rules.dealer.count,
                                       beliefNoise: noise, anchors: assets.map(\.anchorValue), shares: capital))
            }
        }
        return funds
    }

    /// Traders are drawn independently; the levered ones are then placed first (traders are
    /// exchangeable), so the margin rules, which visit borrowers only, read one dense stretch.
    static func retail(_ rules: Rules, retailAsset: Int, _ stream: RandomStream) -> RetailPopulation {
        let rr = rules.retail
        let units = rr.count > 0 ? rr.initialShare * rules.market.assets[retailAsset].supply / Double(rr.count) : 0
        let cash = (0..<rr.count).map { _ in rr.cash.draw(stream, within: .nonNegative) }
        let leverage = (0..<rr.count).map { _ in
            stream.bernoulli(rr.leveragedFraction) ? rr.leverage.draw(stream, within: .atLeast(1)) : 1
        }
        let strategy = (0..<rr.count).map { _ -> RetailStrategy in
            let u = stream.uniform()
            return u < rr.trendFraction ? .trend : (u < rr.trendFraction + rr.fundamentalFraction ? .fundamental : .noise)
        }
        let order = leverage.indices.filter { leverage[$0] > 1 } + leverage.indices.filter { leverage[$0] <= 1 }
        return RetailPopulation(cash: order.map { cash[$0] }, units: Array(repeating: units, count: rr.count),
                                maxLeverage: order.map { leverage[$0] }, strategy: order.map { strategy[$0] })
    }

    /// Dealers split what the other books and the retail traders do not hold (issuers' own bonds are
    /// owed, not held). If money funds want more of the bond than is left, they are scaled down; they pay the dealers for
    /// what they bought. Dealers lend the hedge funds' starting margin loans. (Endowments: the only
    /// book edits outside the ledger.)
    mutating func dealersHoldingTheRest() -> [Dealer] {
        let n = Double(rules.dealer.count), b = governmentBond, p0 = prices[b]
        var rest = outstanding
        rest[retailAsset] -= retail.units.reduce(0, +)
        for account in accounts where account.sector != .moneyFund {
            let units = self[account].units
            for a in rest.indices where !issuer(of: a, is: account) { rest[a] -= units[a] }
        }
        let wanted = moneyFunds.reduce(0) { $0 + $1.bonds }
        if wanted > max(rest[b], 0) {
            for m in moneyFunds.indices {
                let keep = moneyFunds[m].bonds * max(rest[b], 0) / wanted
                moneyFunds[m].book.add((moneyFunds[m].bonds - keep) * p0, to: .cash)
                _ = moneyFunds[m].book.set(.units(b), to: keep)
            }
        }
        let bought = moneyFunds.reduce(0) { $0 + $1.bonds }
        rest[b] -= bought
        var dealers = (0..<rules.dealer.count).map { _ in
            Dealer(cash: rules.dealer.capital + bought * p0 / n, units: rest.map { $0 / n }, targetUnits: rest.map { $0 / n })
        }
        for fund in hedgeFunds where fund.loan > 0 {
            dealers[fund.broker].book.add(-fund.loan, to: .cash)
            dealers[fund.broker].book.add(fund.loan, to: .claim(.marginLoan))
        }
        return dealers
    }

    /// Each asset's dividends in total per step when hyperscalers spend `capex` a step: equities'
    /// dividend yield on their initial value plus their share of capex; 0 for other assets (bond
    /// coupons are paid by their issuers).
    static func dividends(_ rules: Rules, capex: Double) -> [Double] {
        rules.market.assets.map { asset in
            guard let earnings = rules.realEconomy.equities.first(where: { $0.asset == asset.name }) else { return 0 }
            return earnings.dividendYield * asset.initialPrice * asset.supply / stepsPerYear + earnings.capexShare * capex
        }
    }
}
