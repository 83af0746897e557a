import Economy
import Foundation

extension World {
    /// Phase 7: fills move units and cash between books at the clearing price, one entry per market
    /// (an issuer selling its own bond issues it); then a fund's cash shortfall is borrowed from its
    /// broker and its surplus repays the loan first.
    mutating func settle(_ curves: [[DemandCurve]], _ results: [ClearingResult], into log: inout StepLog) {
        log.rounds += 1
        for (a, result) in results.enumerated() {
            let p = result.price
            var retailFills: (buy: Double, sell: Double)?, liquidated: (borrowed: Double, writtenOff: Double)?
            var trades = openEntry("clearing", market: a, lines: 2 * curves[a].count)
            for k in curves[a].indices {  // each curve's participant read, the curve not copied
                let fill = result.fills[k], participant = curves[a][k].participant, forced = curves[a][k].forced
                if forced { log.forcedVolumes[a] += -min(fill, 0) }
                log.recordFill(participant.sector, asset: a, units: fill, price: p, forced: forced)
                if let account = participant.account {
                    trades.add(fill, .units(a), account)
                    trades.add(-fill * p, .cash, account)
                    if issuer(of: a, is: account) { issue(-fill, of: a, into: &log) }
                } else {
                    trades.retail(fill, .units(a))
                    trades.retail(-fill * p, .cash)
                }
                switch participant {
                case let fund where fund.sector == .hedgeFund: if forced { log.forcedFunds.insert(fund.index) }
                case .retailBuys:
                    let wanted = retail.totalBuyCash / p
                    retailFills = (wanted > 0 ? fill / wanted : 0, retailFills?.sell ?? 0)
                case .retailSells:
                    let wanted = retail.totalSellUnits
                    retailFills = (retailFills?.buy ?? 0, wanted > 0 ? -fill / wanted : 0)
                case .retailLiquidations:
                    let wanted = retail.totalLiquidationUnits
                    log.liquidations += retail.markedCount
                    log.liquidationValue += -fill * p
                    liquidated = retail.settleLiquidations(price: p, fill: wanted > 0 ? -fill / wanted : 0)
                default: break
                }
            }
            post(&trades)
            if let (borrowed, writtenOff) = liquidated { fundRetailLoans(borrowed, writtenOff: writtenOff) }
            if let (buy, sell) = retailFills {
                fundRetailLoans(retail.settle(price: p, buyFill: buy, sellFill: sell), writtenOff: 0)
            }
            log.volumes[a] += result.volume
            if abs(result.residual) > abs(log.residuals[a]) { log.residuals[a] = result.residual }
            if result.halted { log.halted[a] = 1 }
            prices[a] = p
        }
        for i in hedgeFunds.indices { rebalanceLoan(i) }
    }

    /// Borrows a fund's negative cash from its broker, or repays its loan from positive cash.
    mutating func rebalanceLoan(_ i: Int) {
        let borrow = marginLoanChange(cash: hedgeFunds[i].cash, loan: hedgeFunds[i].loan)
        lend(borrow, .marginLoan, from: .dealer(hedgeFunds[i].broker), to: .hedgeFund(i))
    }

    /// Phase 9: a fund whose equity is negative defaults: its broker seizes its holdings and cash and
    /// writes off the rest of the loan (a loss to the broker's net worth, not a cash flow).
    mutating func resolveDefaults() -> Int {
        var defaults = 0
        for i in hedgeFunds.indices where hedgeFunds[i].equity(prices) < 0 {
            let fund = AgentID.hedgeFund(i), broker = AgentID.dealer(hedgeFunds[i].broker)
            var seizure = openEntry("default of", of: fund)
            for a in prices.indices {
                seizure.add(hedgeFunds[i].units[a], .units(a), broker)
                seizure.set(.units(a), to: 0, fund)
            }
            seizure.add(hedgeFunds[i].cash, .cash, broker)
            seizure.add(-hedgeFunds[i].loan, .claim(.marginLoan), broker)
            seizure.set(.cash, to: 0, fund)
            seizure.set(.claim(.marginLoan), to: 0, fund)
            post(&seizure)
            defaults += 1
        }
        return defaults
    }

    /// Phase 9: the day's closing prices join the history agents measure trends and volatility on.
    mutating func closeDay() {
        outputGaps.append(realEconomy.outputGap)
        realEconomy.adjustPrices(rules: rules.realEconomy, stepsPerYear: Self.stepsPerYear)
        priceLevels.append(realEconomy.priceLevel)
        if priceLevels.count > 2048 {
            priceLevels.removeFirst(priceLevels.count - 1024)
            outputGaps.removeFirst(outputGaps.count - 1024)
        }
        let a = retailAsset
        retail.scoreStrategies(realisedReturn: log(prices[a]) - history[history.count - 1][a], memory: rules.retail.profitMemory)
        history.append(prices.map { log($0) })
        if history.count > 1024 { history.removeFirst(history.count - 512) }
    }
}
