import Economy
import Foundation

/// Hedge funds' investors: the sovereign funds' stakes, valued at NAV, their performance-driven
/// flows and their redemptions, paid after a notice lag.
extension World {
    /// NAV per share of each fund at the current prices.
    func navs() -> [Double] { hedgeFunds.indices.map { hedgeFunds[$0].nav(prices) } }

    /// Value at current NAVs of sovereign fund `s`'s redemption notices not yet paid.
    func pendingRedemptions(_ s: Int) -> Double {
        var total = 0.0
        for i in hedgeFunds.indices where !hedgeFunds[i].notices.isEmpty {
            total += hedgeFunds[i].noticedShares(by: s) * hedgeFunds[i].nav(prices)
        }
        return total
    }

    /// Shares of fund `i` sovereign fund `s` holds and has not yet given notice on.
    func redeemableShares(_ s: Int, fund i: Int) -> Double {
        max(sovereignFunds[s].stakes[i] - hedgeFunds[i].noticedShares(by: s), 0)
    }

    /// Value at current NAVs of sovereign fund `s`'s stakes not yet under notice.
    func redeemableStakes(_ s: Int) -> Double {
        var total = 0.0
        for i in hedgeFunds.indices { total += redeemableShares(s, fund: i) * hedgeFunds[i].nav(prices) }
        return total
    }

    /// Phase 4: sovereign fund `s` gives notice on `shares` of fund `i`, payable `notice_steps` on.
    mutating func giveNotice(_ s: Int, fund i: Int, shares: Double, into log: inout StepLog) {
        guard shares > 0 else { return }
        hedgeFunds[i].notices.append(RedemptionNotice(investor: s, shares: shares, due: step + rules.hedgeFund.investors.noticeSteps))
        log.redemptionNotices += shares * hedgeFunds[i].nav(prices)
    }

    /// Phase 4, on dealing days: each sovereign fund judges each fund by its NAV return over the
    /// performance window (flows follow performance). After a loss it gives notice on
    /// `flow_sensitivity x loss` of its stake; after a gain it subscribes `flow_sensitivity x gain` of
    /// its stake's value, at NAV now, out of the cash it would reinvest when flush.
    mutating func reviewHedgeFunds(into log: inout StepLog) {
        let investors = rules.hedgeFund.investors
        guard step % investors.reviewInterval == 0 else { return }
        for i in hedgeFunds.indices {
            let history = hedgeFunds[i].navHistory, nav = hedgeFunds[i].nav(prices)
            guard history.count > investors.performanceWindow, case let past = history[history.count - 1 - investors.performanceWindow],
                  past > 0, nav > 0 else { continue }
            let performance = nav / past - 1
            for s in sovereignFunds.indices {
                if performance < 0 {
                    let fraction = min(investors.flowSensitivity * -performance, 1)
                    giveNotice(s, fund: i, shares: fraction * redeemableShares(s, fund: i), into: &log)
                } else {
                    let wanted = investors.flowSensitivity * performance * sovereignFunds[s].stakes[i] * nav
                    let amount = min(wanted, sovereignFunds[s].excessCash(rules: rules.sovereignFund))
                    guard amount > 0 else { continue }
                    transfer(amount, from: .sovereignFund(s), to: .hedgeFund(i))
                    sovereignFunds[s].stakes[i] += amount / nav
                    hedgeFunds[i].shares += amount / nav
                    hedgeFunds[i].costBasis += amount
                    log.subscriptions += amount
                    rebalanceLoan(i)
                }
            }
        }
    }

    /// Phase 4: a sovereign fund whose calls its cash (and redemptions owed) cannot meet gives
    /// notice on its stakes when its selling order reaches them, spread by stake value.
    mutating func redeemForCalls(into log: inout StepLog) {
        let ranking = sellRanking()
        guard ranking.contains(.hedgeFunds) else { return }
        for s in sovereignFunds.indices {
            let total = redeemableStakes(s)
            let redeem = sovereignFunds[s].forcedSales(ranking: ranking, prices: prices, pending: pendingRedemptions(s),
                                                       redeemable: total, rules: rules.sovereignFund).redeem
            guard redeem > 0, total > 0 else { continue }
            for i in hedgeFunds.indices {
                giveNotice(s, fund: i, shares: redeemableShares(s, fund: i) * redeem / total, into: &log)
            }
        }
    }

    /// Phase 4: notices due are paid at this morning's NAV; the fund's broker bridges what its cash
    /// does not cover, and the fund must sell as much, pro rata, in the same step. Returns those
    /// sales (units per fund and asset), to go out as market orders.
    mutating func payRedemptions(into log: inout StepLog) -> ForcedSales {
        var sales = ForcedSales(funds: hedgeFunds.count, assets: prices.count)
        for i in hedgeFunds.indices {
            let due = hedgeFunds[i].notices.filter { $0.due <= step }
            guard !due.isEmpty else { continue }
            hedgeFunds[i].notices.removeAll { $0.due <= step }
            let nav = hedgeFunds[i].nav(prices), cash = max(hedgeFunds[i].cash, 0)
            var paid = 0.0, entry = openEntry("redemptions from", of: .hedgeFund(i))
            for notice in due {
                let value = notice.shares * nav
                entry.add(value, .cash, .sovereignFund(notice.investor))
                sovereignFunds[notice.investor].stakes[i] -= notice.shares
                hedgeFunds[i].costBasis *= 1 - notice.shares / hedgeFunds[i].shares
                hedgeFunds[i].shares -= notice.shares
                paid += value
            }
            entry.add(-paid, .cash, .hedgeFund(i))
            post(&entry)
            log.redemptionsPaid += paid
            rebalanceLoan(i)
            for (a, units) in hedgeFunds[i].proRataSale(of: paid - cash, prices: prices).enumerated() {
                sales[i, a] = units
            }
        }
        return sales
    }

    /// Phase 4: each fund returns `payout_rate` of its profit (equity above its cost basis) to its
    /// shareholders, buying back the same fraction of every holder's shares at NAV (households' and the
    /// sovereign funds' not under notice): profits leave the fund as they do from real ones (fees,
    /// distributions), and a fund that earns does not grow without bound. NAV per share and the cost basis
    /// are unchanged; a fund short of cash borrows it from its broker, but one that must sell this step
    /// (`forced`: redemptions due) pays nothing.
    mutating func distributeProfits(forced: ForcedSales, into log: inout StepLog) {
        let rate = rules.hedgeFund.investors.payoutRate
        guard rate > 0 else { return }
        for i in hedgeFunds.indices where !forced.isForced(i) {
            let nav = hedgeFunds[i].nav(prices)
            let profit = hedgeFunds[i].equity(prices) - hedgeFunds[i].costBasis
            guard nav > 0, profit > 0 else { continue }
            let free = sovereignFunds.indices.map { redeemableShares($0, fund: i) }
            let outside = max(hedgeFunds[i].shares - sovereignFunds.reduce(0) { $0 + $1.stakes[i] }, 0)
            let redeemable = outside + free.reduce(0, +)
            guard redeemable > 0 else { continue }
            let fraction = min(rate * profit / nav / redeemable, 1)
            guard fraction > 0 else { continue }
            var entry = openEntry("profits returned by", of: .hedgeFund(i))
            entry.add(fraction * outside * nav, .cash, .household)
            for (j, shares) in free.enumerated() where shares > 0 {
                entry.add(fraction * shares * nav, .cash, .sovereignFund(j))
                sovereignFunds[j].stakes[i] -= fraction * shares
            }
            entry.add(-fraction * redeemable * nav, .cash, .hedgeFund(i))
            post(&entry)
            hedgeFunds[i].shares -= fraction * redeemable
            log.distributions += fraction * redeemable * nav
            rebalanceLoan(i)
        }
    }

    /// Phase 7 (after the last round): basis funds' short futures settle daily: each receives its
    /// hedged units times the fall of the price since the last close (pays on a rise), from the
    /// dealers, who hold the long side in equal shares; the hedge then resets to its holdings. The
    /// trade earns carry, not the bond's price moves: its risks are funding and forced unwinds.
    mutating func settleFutures(into log: inout StepLog) {
        let close = history[history.count - 1].map { exp($0) }
        for i in hedgeFunds.indices where !hedgeFunds[i].hedge.isEmpty {
            let variation = hedgeFunds[i].hedge.indices.reduce(0) { $0 + hedgeFunds[i].hedge[$1] * (close[$1] - prices[$1]) }
            payFuturesVariation(variation, to: i)
            log.futuresVariation += variation
            hedgeFunds[i].hedge = hedgeFunds[i].units
            rebalanceLoan(i)
        }
    }

    /// Phase 9: each fund's closing NAV joins the history its investors judge it by.
    mutating func recordNAVs() {
        let keep = rules.hedgeFund.investors.performanceWindow + 1
        for i in hedgeFunds.indices {
            hedgeFunds[i].navHistory.append(hedgeFunds[i].nav(prices))
            if hedgeFunds[i].navHistory.count > 2 * keep { hedgeFunds[i].navHistory.removeFirst(hedgeFunds[i].navHistory.count - keep) }
        }
    }
}
