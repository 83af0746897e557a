import Economy
import Foundation

extension World {
    /// Phase 7: fills move units and cash between balance sheets at the clearing price; a fund's cash
    /// shortfall is borrowed from its broker and its surplus repays the loan first.
    mutating func settle(_ curves: [[DemandCurve]], _ results: [ClearingResult], into log: inout StepLog) {
        log.rounds += 1
        for (a, result) in results.enumerated() {
            let p = result.price
            var retailFills: (buy: Double, sell: Double)?
            for (curve, fill) in zip(curves[a], result.fills) {
                if curve.forced { log.forcedVolumes[a] += -min(fill, 0) }
                log.recordFill(curve.participant.sector, asset: a, units: fill, price: p, forced: curve.forced)
                switch curve.participant {
                case let .hedgeFund(i):
                    hedgeFunds[i].units[a] += fill
                    hedgeFunds[i].cash -= fill * p
                    if curve.forced { log.forcedFunds.insert(i) }
                case let .dealer(i):
                    dealers[i].units[a] += fill
                    dealers[i].cash -= fill * p
                case .retailBuys:
                    let wanted = retail.totalBuyCash / p
                    retailFills = (wanted > 0 ? fill / wanted : 0, retailFills?.sell ?? 0)
                case .retailSells:
                    let wanted = retail.totalSellUnits
                    retailFills = (retailFills?.buy ?? 0, wanted > 0 ? -fill / wanted : 0)
                case let .moneyFund(i):
                    moneyFunds[i].bonds += fill
                    moneyFunds[i].cash -= fill * p
                case let .hyperscaler(h):
                    settleHyperscaler(h, asset: a, fill: fill, price: p, into: &log)
                case let .sovereignFund(s):
                    sovereignFunds[s].units[a] += fill
                    sovereignFunds[s].cash -= fill * p
                case .centralBank:
                    settleCentralBank(units: fill, price: p)
                case .government:
                    log.issued -= fill
                    government.bondsOutstanding -= fill
                    outstanding[a] -= fill
                    government.cash -= fill * p
                case .retailLiquidations:
                    let wanted = retail.totalLiquidationUnits
                    log.liquidations += retail.markedCount
                    log.liquidationValue += -fill * p
                    let (borrowed, writtenOff) = retail.settleLiquidations(price: p, fill: wanted > 0 ? -fill / wanted : 0)
                    fundRetailLoans(borrowed, writtenOff: writtenOff)
                }
            }
            if let (buy, sell) = retailFills {
                fundRetailLoans(retail.settle(price: p, buyFill: buy, sellFill: sell), writtenOff: 0)
            }
            log.volumes[a] += result.volume
            if abs(result.residual) > abs(log.residuals[a]) { log.residuals[a] = result.residual }
            if !result.cleared { log.uncleared[a] += 1 }
            prices[a] = p
        }
        for i in hedgeFunds.indices { rebalanceLoan(i) }
    }

    /// The exchange's retail margin book is funded by the dealers in equal shares: new borrowing
    /// leaves their cash for traders' cash, and write-offs cut their loan assets (a loss, not a flow).
    mutating func fundRetailLoans(_ borrowed: Double, writtenOff: Double) {
        let share = 1 / Double(dealers.count)
        for d in dealers.indices {
            dealers[d].cash -= borrowed * share
            dealers[d].marginLoans += (borrowed - writtenOff) * share
        }
    }

    /// Borrows a fund's negative cash from its broker, or repays its loan from positive cash.
    mutating func rebalanceLoan(_ i: Int) {
        let b = hedgeFunds[i].broker
        let borrow = marginLoanChange(cash: hedgeFunds[i].cash, loan: hedgeFunds[i].loan)
        hedgeFunds[i].cash += borrow
        hedgeFunds[i].loan += borrow
        dealers[b].cash -= borrow
        dealers[b].marginLoans += borrow
    }

    /// Phase 9: a fund whose equity is negative defaults: its broker seizes its holdings and cash and
    /// writes off the rest of the loan (a loss to the broker's net worth, not a cash flow).
    mutating func resolveDefaults() -> Int {
        var defaults = 0
        for i in hedgeFunds.indices where hedgeFunds[i].equity(prices) < 0 {
            let b = hedgeFunds[i].broker
            for a in prices.indices {
                dealers[b].units[a] += hedgeFunds[i].units[a]
                hedgeFunds[i].units[a] = 0
            }
            dealers[b].cash += hedgeFunds[i].cash
            dealers[b].marginLoans -= hedgeFunds[i].loan
            hedgeFunds[i].cash = 0
            hedgeFunds[i].loan = 0
            defaults += 1
        }
        return defaults
    }

    /// Phase 9: the day's closing prices join the history agents measure trends and volatility on.
    mutating func closeDay() {
        let spent = realEconomy.revenue
        spending.append(spent)
        if spending.count > 4096 { spending.removeFirst(spending.count - 2048) }
        let a = retailAsset
        retail.scoreStrategies(realisedReturn: log(prices[a]) - history[history.count - 1][a], memory: rules.retail.profitMemory)
        history.append(prices.map { log($0) })
        if history.count > 1024 { history.removeFirst(history.count - 512) }
    }
}
