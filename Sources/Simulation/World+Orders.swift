import Economy
import Foundation
import Stochastics

extension World {
    /// Phase 1: the rule set a scenario event brings into force at this step, if any.
    mutating func applyEvents() {
        guard let next = pendingChanges.first, next.step == step else { return }
        pendingChanges.removeFirst()
        rules = next.rules
    }

    /// Phase 6: what fundamental investors think each asset is worth this morning: its anchor value,
    /// discounted by `duration` for the rise of the government bond's yield since step 0, scaled for
    /// equities by the dividends they now expect against those expected at step 0.
    func fundamentalValues() -> [Double] {
        let rise = yield(governmentBond) - initialYield(governmentBond)
        return rules.market.assets.indices.map { a in
            let asset = rules.market.assets[a]
            let earnings = initialDividends[a] > 0 ? expectedDividends[a] / initialDividends[a] : 1
            return asset.anchorValue * exp(-asset.duration * rise) * earnings
        }
    }

    /// Phase 6: fundamental investors re-anchor their beliefs on this morning's values, which it returns.
    mutating func formBeliefs() -> [Double] {
        let values = fundamentalValues()
        for i in hedgeFunds.indices { hedgeFunds[i].anchor(on: values) }
        return values
    }

    /// Phase 5 (and after each round): units each hedge fund must sell, per asset, to meet its margin
    /// requirement at current prices and haircuts, spread over assets by position value. Funds
    /// called are logged.
    func marginCalls(into log: inout StepLog) -> ForcedSales {
        var sales = ForcedSales(funds: hedgeFunds.count, assets: prices.count)
        for i in hedgeFunds.indices {
            let total = hedgeFunds[i].positions(prices)
            guard total > 0 else { continue }
            for a in prices.indices {
                let share = hedgeFunds[i].units[a] * prices[a] / total
                sales[i, a] = share * hedgeFunds[i].marginCallSale(asset: a, prices: prices, haircut: haircuts[a],
                                                                   positions: total)
            }
            if sales.isForced(i) { log.marginCalled.insert(i) }
        }
        return sales
    }

    /// Phase 5: each asset's haircut from the sd of its last `volatility_window` daily log returns.
    mutating func setHaircuts() {
        let window = min(rules.dealer.volatilityWindow, history.count - 1)
        guard window >= 2 else { return }
        for a in prices.indices {
            let returns = (history.count - window..<history.count).map { history[$0][a] - history[$0 - 1][a] }
            haircuts[a] = rules.dealer.haircut(volatility: Statistics.sd(returns))
        }
    }

    /// The log change of asset `a`'s price over the last `steps` closes (fewer early in a run), ending
    /// `stepsAgo` closes back: what trend and momentum signals read.
    func logChange(_ a: Int, over steps: Int, stepsAgo: Int = 0) -> Double {
        let end = history.count - 1 - stepsAgo
        guard end > 0 else { return 0 }
        return history[end][a] - history[end - min(steps, end)][a]
    }

    /// Phase 6: what hedge funds' signals read this morning: the trend over the crypto strategy's
    /// lookback, the repo rate, and the policy rate the central bank's rule would set at a meeting now.
    func signalInputs() -> SignalInputs {
        let lookback = rules.hedgeFund[.crypto].lookback
        return SignalInputs(assets: rules.market.assets, trend: prices.indices.map { logChange($0, over: lookback) },
                            repoRate: repoRate, expectedRate: policyRateNow())
    }

    /// Phase 5 (and after each round): the exchange marks retail positions below maintenance margin.
    mutating func markLiquidations() -> Int {
        retail.markLiquidations(price: prices[retailAsset], maintenance: rules.retail.maintenanceMargin)
    }

    /// Phase 6: retail traders may switch strategy, then decide the day's market orders (they trade
    /// in the first round only).
    mutating func submitRetailOrders(values: [Double]) throws {
        let a = retailAsset
        let lookback = rules.retail.trendLookback
        try retail.switchStrategies(rules: rules.retail, stream: retailStream)
        retail.submitOrders(price: prices[a], trend: logChange(a, over: lookback),
                            previousTrend: logChange(a, over: lookback, stepsAgo: 1),
                            mispricing: log(values[a] / prices[a]),
                            credit: retailCredit(), rules: rules.retail, stream: retailStream)
    }

    /// Phase 3: households' deposits fund the sectors added as data that ask for it, as far as their
    /// deposits go (or take money back, within the agent's cash).
    mutating func fundAddedSectors() {
        let market = marketView(firstRound: true)
        for s in addedSectors.indices {
            for (i, flow) in addedSectors[s].householdFlows(market: market, rules: rules).enumerated() {
                let agent = AgentID(addedSectors[s].id, i)
                let amount = flow >= 0 ? min(flow, max(household.book.cash, 0))
                    : -min(-flow, max(addedSectors[s].books[i].cash, 0))
                if amount != 0 { transfer(amount, from: .household, to: agent) }
            }
        }
    }

    /// Phase 6: each sector added as data starts its day on this morning's prices and `values`.
    mutating func beginSectorDays(values: [Double]) {
        let market = marketView(firstRound: true)
        for s in addedSectors.indices {
            addedSectors[s].beginDay(market: market, values: values, rules: rules, stream: sectorStreams[s])
        }
    }

    /// Phase 6: every participant's demand in each market for one clearing round, from the current
    /// state. A fund under a margin call or paying a redemption sends its forced sale as a market
    /// order instead of a curve, and a fund forced earlier in the step only deleverages for the rest
    /// of it; funds trade only their strategy's assets. Retail orders and
    /// the government's auction go to the first round only.
    func orders(forced: ForcedSales, called: Set<Int>, credit: [Double], reference: [Double], signals: SignalInputs,
                firstRound: Bool) -> [[DemandCurve]] {
        let auctioned = firstRound ? government.auctionSize(price: prices[governmentBond], rules: rules.government) : 0
        var curves = prices.indices.map { a in
            var curves: [DemandCurve] = []
            curves.reserveCapacity(hedgeFunds.count + 4 * moneyFunds.count + 32)  // one allocation, not five
            hedgeFunds.withUnsafeBufferPointer { funds in  // each fund read in place (an element read copies it)
                for i in funds.indices {
                    if forced.isForced(i) {
                        let sale = forced[i, a]
                        if sale > 0 { curves.append(.units(-sale, .hedgeFund(i), forced: true)) }
                    } else if !called.contains(i) && funds[i].assets.contains(a) {
                        let strategy = rules.hedgeFund[funds[i].strategy]
                        let demand = funds[i].demand(asset: a, signals, prices: prices, haircut: haircuts[a],
                                                     creditLine: credit[i], rules: strategy)
                        curves.append(DemandCurve(.hedgeFund(i), demand))
                    }
                }
            }
            let auction = a == governmentBond ? max(auctioned, 0) : 0
            curves += dealerCurves(asset: a, reference: reference[a], auctioned: auction)
            if a == retailAsset && firstRound {
                let cash = retail.totalBuyCash, units = retail.totalSellUnits
                curves.append(.spending(cash, .retailBuys))
                curves.append(.units(-units, .retailSells))
            }
            if a == governmentBond {
                let coupon = rules.market.assets[a].coupon
                let overnight = overnightRate
                for (i, fund) in moneyFunds.enumerated() {
                    curves.append(DemandCurve(.moneyFund(i), fund.demand(coupon: coupon, overnight: overnight, rules: rules.moneyFund)))
                }
                if let curve = centralBankCurve() { curves.append(curve) }
            }
            return curves
        }
        // The rest in each market after these, in this order: the funding waterfall (first round), the
        // auction, retail liquidations, then each sector added as data.
        if firstRound {
            appendHyperscalerOrders(to: &curves)
            appendSovereignOrders(to: &curves)
        }
        if auctioned > 0 { curves[governmentBond].append(.units(-auctioned, .government)) }
        if case let units = retail.totalLiquidationUnits, units > 0 {
            curves[retailAsset].append(.units(-units, .retailLiquidations, forced: true))
        }
        let market = marketView(firstRound: firstRound)
        for sector in addedSectors { sector.appendOrders(to: &curves, market: market, rules: rules) }
        return curves
    }

    /// What sectors added as data see of the market now.
    func marketView(firstRound: Bool) -> MarketView {
        MarketView(step: step, assets: rules.market.assets, prices: prices, initialPrices: rules.market.assets.map(\.initialPrice),
                   repoRate: repoRate, policyRate: centralBank.policyRate, outstanding: outstanding, firstRound: firstRound,
                   governmentBond: governmentBond, issuerLeverage: issuerLeverage(), initialIssuerLeverage: initialIssuerLeverage)
    }

    /// Phase 7: one clearing round in every market, within each asset's daily limit around the last close;
    /// a market that halted earlier in the day stays shut (no trades). A failure of the search names the
    /// market and step.
    func clear(_ curves: [[DemandCurve]], halted: [Bool]) throws -> [ClearingResult] {
        try curves.indices.map { a in
            if halted[a] {
                return .shut(at: prices[a], participants: curves[a].count)
            }
            let close = exp(history[history.count - 1][a]), limit = rules.market.assets[a].dailyLimit
            do {
                return try Clearing.clear(curves[a], reference: prices[a], floor: close * exp(-limit),
                                          ceiling: close * exp(limit), tolerance: rules.market.priceTolerance)
            } catch {
                throw ClearingFailure(step: step, market: rules.market.assets[a].name, reason: "\(error)")
            }
        }
    }
}

/// The price search of one market broke down (a demand curve gave a non-finite quantity, say).
public struct ClearingFailure: Error, Sendable, CustomStringConvertible {
    public let step: Int
    public let market: String
    public let reason: String
    public var description: String { "clearing the \(market) market at step \(step) failed: \(reason)" }
}
