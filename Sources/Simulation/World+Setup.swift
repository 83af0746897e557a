import Economy
import Foundation
import Stochastics

/// The state at step 0: each sector's endowment, with dealers holding what no other sector does.
extension World {
    /// Money funds start at the allocation their rule wants at the initial price, bought from dealers.
    static func moneyFunds(_ rules: Rules, _ stream: RandomStream) -> [MoneyFund] {
        let assets = rules.market.assets, b = assets.firstIndex { $0.name == rules.government.bond }!, bond = assets[b]
        let overnight = rules.centralBank.initialFloor
        return (0..<rules.moneyFund.count).map { _ in
            var fund = MoneyFund(cash: rules.moneyFund.cash.draw(stream, within: .nonNegative), assets: assets.count, bond: b)
            let units = max(fund.demand(coupon: bond.coupon, overnight: overnight, rules: rules.moneyFund)(bond.initialPrice), 0)
            fund.book.add(units, to: .units(b))
            fund.book.add(-units * bond.initialPrice, to: .cash)
            return fund
        }
    }

    /// Hedge funds, strategy by strategy: each fund starts at its strategy's target exposure to each
    /// of its assets at the initial prices (its signal read on the step-0 market: no trend, the repo
    /// rate at the floor, the central bank's rule at target growth), so it has no trade to make at step
    /// 0; holdings beyond its capital start financed by its broker. One share per dollar of capital.
    static func hedgeFunds(_ rules: Rules, _ stream: RandomStream) -> [HedgeFund] {
        let hf = rules.hedgeFund, assets = rules.market.assets, cb = rules.centralBank
        let inputs = SignalInputs(assets: assets, trend: assets.map { _ in 0 }, repoRate: cb.initialFloor,
                                  expectedRate: cb.meetingRate(previous: cb.initialRate, inflation: rules.realEconomy.expectedInflation, gap: 0))
        var funds: [HedgeFund] = []
        for strategy in hf.strategies {
            let traded = strategy.assets.compactMap { name in assets.firstIndex { $0.name == name } }
            for _ in 0..<strategy.count {
                let capital = hf.capital.draw(stream, within: .positive)
                let noise = assets.map { _ in stream.gaussian(sd: hf.beliefDispersion) }
                let fund = HedgeFund(strategy: strategy.strategy, assets: traded, cash: capital, units: assets.map { _ in 0 },
                                     broker: funds.count % rules.dealer.count, beliefNoise: noise,
                                     anchors: assets.map(\.anchorValue), shares: capital)
                let units = assets.indices.map { a -> Double in
                    guard traded.contains(a) else { return 0 }
                    let p = assets[a].initialPrice, signal = fund.signal(asset: a, inputs, rules: strategy)(p)
                    return strategy.exposure(signal: signal, haircut: rules.dealer.haircutFloor) * capital / p
                }
                let cost = zip(units, assets).reduce(0) { $0 + $1.0 * $1.1.initialPrice }
                funds.append(HedgeFund(strategy: strategy.strategy, assets: traded, cash: max(capital - cost, 0), units: units,
                                       loan: max(cost - capital, 0), broker: fund.broker, beliefNoise: noise,
                                       anchors: assets.map(\.anchorValue), shares: capital))
            }
        }
        return funds
    }

    /// Traders are drawn independently (each one's cash a share of `total_cash` in proportion to its
    /// draw, so the sector's size does not depend on how many traders stand for it); the levered ones
    /// are then placed first (traders are exchangeable), so the margin rules, which visit borrowers only,
    /// read one dense stretch.
    static func retail(_ rules: Rules, retailAsset: Int, _ stream: RandomStream) -> RetailPopulation {
        let rr = rules.retail
        let units = rr.count > 0 ? rr.initialShare * rules.market.assets[retailAsset].supply / Double(rr.count) : 0
        let weights = (0..<rr.count).map { _ in rr.cash.draw(stream, within: .nonNegative) }
        let sum = weights.reduce(0, +)
        let cash = weights.map { sum > 0 ? rr.totalCash * $0 / sum : rr.totalCash / Double(rr.count) }
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
    /// owed, not held). If hedge funds' targets, then money funds' bond allocation, want more than the
    /// other sectors leave, they are scaled down to fit (money funds start with those bonds in place of
    /// part of their cash). Each dealer's equity is its `capital`: its cash is that less its share of the inventory's
    /// value, an overdraft that step 0's night refinances in repo (`World.init`). Dealers lend the hedge
    /// funds' starting margin loans. (Endowments: the only book edits outside the ledger.)
    mutating func dealersHoldingTheRest() -> [Dealer] {
        let n = Double(rules.dealer.count), b = governmentBond, p0 = prices[b]
        var rest = outstanding
        rest[retailAsset] -= retail.units.reduce(0, +)
        for account in accounts where account.sector != .moneyFund && account.sector != .hedgeFund {
            let units = self[account].units
            for a in rest.indices where !issuer(of: a, is: account) { rest[a] -= units[a] }
        }
        fitHedgeFunds(into: &rest)
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
        let inventory = zip(rest, prices).reduce(0) { $0 + $1.0 * $1.1 }
        var dealers = (0..<rules.dealer.count).map { _ in
            Dealer(cash: rules.dealer.capital - inventory / n, units: rest.map { $0 / n },
                   targetUnits: rest.map { $0 / n })
        }
        for fund in hedgeFunds where fund.loan > 0 {
            dealers[fund.broker].book.add(-fund.loan, to: .cash)
            dealers[fund.broker].book.add(fund.loan, to: .claim(.marginLoan))
        }
        return dealers
    }

    /// Scales hedge funds' step-0 holdings of any asset down to what is `left` (pro rata), handing
    /// back what they no longer buy: their loans first, then cash. `left` loses what they keep.
    private mutating func fitHedgeFunds(into left: inout [Double]) {
        for a in left.indices {
            let wanted = hedgeFunds.reduce(0) { $0 + $1.units[a] }
            let scale = wanted > max(left[a], 0) ? max(left[a], 0) / wanted : 1
            for f in hedgeFunds.indices where scale < 1 {
                let freed = hedgeFunds[f].units[a] * (1 - scale) * prices[a], repaid = min(freed, hedgeFunds[f].loan)
                _ = hedgeFunds[f].book.set(.units(a), to: hedgeFunds[f].units[a] * scale)
                hedgeFunds[f].book.add(repaid, to: .claim(.marginLoan))
                hedgeFunds[f].book.add(freed - repaid, to: .cash)
                if hedgeFunds[f].strategy == .basis { hedgeFunds[f].hedge = hedgeFunds[f].units }
            }
            left[a] -= wanted * scale
        }
    }

    /// Households own the money funds' shares (each fund's assets at step 0: it starts with no equity of
    /// its own) and hold the rest of their liquid wealth as deposits (none if the funds hold more); their
    /// rule's target weights start at this allocation.
    mutating func endowHousehold() {
        for m in moneyFunds.indices {
            let assets = moneyFunds[m].assets(bondPrice: prices[governmentBond])
            moneyFunds[m].book.add(-assets, to: .claim(.moneyFundShare))
            household.book.add(assets, to: .claim(.moneyFundShare))
        }
        _ = household.book.set(.cash, to: max(rules.household.liquidWealth - household.moneyFundShares, 0))
        let liquid = household.deposits + household.moneyFundShares
        household.initialMoneyFundWeight = liquid > 0 ? household.moneyFundShares / liquid : 0
        let accounts = cryptoAccounts(retail.census())
        let wealth = household.wealth(accounts: accounts)
        household.initialCryptoWeight = wealth > 0 ? accounts / wealth : 0
        household.initialRate = overnightRate
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
