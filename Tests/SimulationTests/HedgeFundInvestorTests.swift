import Config
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Economy
@testable import Simulation

@Suite struct HedgeFundInvestorTests {
    func world(_ overrides: [String]) throws -> World {
        let parsed = try overrides.map { try Override.parse(commandLine: $0) }
        return World(scenario: try Scenario(try Experiment.load(Repository.experiment(steps: 40), overrides: parsed)), seed: Seed(3))
    }

    /// No performance reviews during the test: only the notices it gives.
    let quiet = ["hedge_fund.investors.review_interval=1000"]

    /// A fund whose equity stands 100 $bn above what its investors put in pays out `payout_rate` of it by
    /// buying back every holder's shares pro rata at NAV: 1 $bn at 0.01, the cost basis unchanged, the
    /// sovereign funds' stakes and the other shares down by the same fraction. Other funds' profits are
    /// removed first; the step's own price moves change a fund's equity by far less than 10%.
    @Test func aFundPaysOutItsProfitProRataAtNAV() throws {
        var w = try world(quiet + ["hedge_fund.investors.payout_rate=0.01"])
        for i in w.hedgeFunds.indices { w.hedgeFunds[i].costBasis = w.hedgeFunds[i].equity(w.prices) + 1e6 }
        w.hedgeFunds[0].costBasis = w.hedgeFunds[0].equity(w.prices) - 100
        let (basis, shares, stakes) = (w.hedgeFunds[0].costBasis, w.hedgeFunds[0].shares, w.sovereignFunds.map { $0.stakes[0] })
        let r = try w.advance()
        #expect(abs(r.distributions - 1) < 0.1, "paid \(r.distributions)")
        #expect(w.hedgeFunds[0].costBasis == basis && w.hedgeFunds[0].shares < shares)
        let fraction = 1 - w.hedgeFunds[0].shares / shares
        for (s, stake) in stakes.enumerated() {
            #expect(abs(w.sovereignFunds[s].stakes[0] - stake * (1 - fraction)) < 1e-9 * stake, "stakes fall pro rata")
        }
        #expect(r.accountingError < 1e-9)
    }

    @Test func aNoticeIsPaidAtNAVAfterTheLagAndTheFundSellsThatStep() throws {
        var w = try world(quiet + ["hedge_fund.investors.notice_steps=3"])
        // A basis fund: levered on its carry, it holds no cash beyond a day's coupons.
        let s = 1, i = try #require(w.hedgeFunds.indices.first { w.hedgeFunds[$0].strategy == .basis })
        let shares = w.sovereignFunds[s].stakes[i]
        var log = StepLog(assets: w.prices.count)
        w.giveNotice(s, fund: i, shares: shares, into: &log)
        for step in 1...2 {
            let r = try w.advance()
            #expect(r.redemptionsPaid == 0, "not due at step \(step)")
        }
        let nav = w.hedgeFunds[i].nav(w.prices), held = w.hedgeFunds[i].units, stake = w.sovereignFunds[s].stakes[i]
        let r = try w.advance()
        // Paid at the morning's NAV, which the day's coupons and interest (phase 3) move by far less
        // than 0.1% from the last close's.
        #expect(abs(r.redemptionsPaid - shares * nav) < 1e-3 * shares * nav, "paid at the morning's NAV")
        #expect(abs(w.sovereignFunds[s].stakes[i] - (stake - shares)) < 1e-9 * stake)
        #expect(w.hedgeFunds[i].notices.isEmpty)
        let sold = zip(held, w.hedgeFunds[i].units).filter { $0.0 > 0 }
        #expect(!sold.isEmpty && sold.allSatisfy { $0.1 < $0.0 }, "sold some of every holding in the same step")
        #expect(r.flows.contains { $0.sector == "hedge_fund" && $0.forcedUnits > 0 }, "as forced sales")
        #expect(r.accountingError < 1e-9)
    }

    @Test func investorsRedeemAfterLossesAndSubscribeAfterGains() throws {
        // At the review of step 5, fund 0's NAV is half what it was a window ago and fund 1's double.
        // Sovereign funds (flush: 200 $bn of cash, twice the flush level) give notice on half their stake in
        // fund 0 (flow_sensitivity 1 x 50% loss) and add their stake's value to fund 1.
        var w = try world(["hedge_fund.investors.review_interval=5", "hedge_fund.investors.performance_window=3",
                           "hedge_fund.investors.flow_sensitivity=1", "sovereign_fund.cash=200"])
        for _ in 1...4 { _ = try w.advance() }
        let nav = w.navs()
        w.hedgeFunds[0].navHistory = Array(repeating: 2 * nav[0], count: 4)
        w.hedgeFunds[1].navHistory = Array(repeating: nav[1] / 2, count: 4)
        let stakes = w.sovereignFunds.map(\.stakes)
        let r = try w.advance()
        for s in w.sovereignFunds.indices {
            let noticed = w.hedgeFunds[0].notices.filter { $0.investor == s }.reduce(0) { $0 + $1.shares }
            // Judged on the morning's NAV, which the day's income moves by far less than 0.1%.
            #expect(abs(noticed - stakes[s][0] / 2) < 1e-3 * stakes[s][0], "half its stake after a 50% loss")
            #expect(w.sovereignFunds[s].stakes[1] > 1.9 * stakes[s][1], "doubled its stake after a 100% gain")
        }
        #expect(r.subscriptions > 0 && r.redemptionNotices > 0 && r.accountingError < 1e-9)
    }

    @Test func subscriptionsNeverExceedTheCashAboveTheFlushLevel() throws {
        // A 100% gain asks for the stake's whole value (each fund holds half of fund 0, about 50 $bn),
        // more than the 10 each has above its flush level (100): it subscribes just that, also when
        // it rebalances nothing itself, and nothing else moves its cash later in the step (funds pay out no
        // profits here: a payout would be cash in).
        var w = try world(["hedge_fund.investors.review_interval=5", "hedge_fund.investors.performance_window=3",
                           "sovereign_fund.cash=110", "sovereign_fund.rebalance_rate=0", "hedge_fund.investors.sovereign_stake=1",
                           "hedge_fund.investors.payout_rate=0"])
        for _ in 1...4 { _ = try w.advance() }
        w.hedgeFunds[0].navHistory = Array(repeating: w.navs()[0] / 2, count: 4)
        let flush = w.rules.sovereignFund.flushMultiple * w.rules.sovereignFund.cashBuffer
        let r = try w.advance()
        #expect(r.subscriptions > 0)
        for fund in w.sovereignFunds { #expect(abs(fund.cash - flush) < 1e-9 * flush, "left at the flush level: \(fund.cash)") }
        #expect(r.accountingError < 1e-9)
    }

    @Test func aSovereignFundShortOfCashRedeemsWhenItsRankingReachesItsStakes() throws {
        // No cash and a 50 $bn buffer: each fund is 50 short. With its hedge-fund stakes ranked first, it
        // gives notice for 50 of them and sells nothing; ranked last, it sells crypto and gives none.
        let short = quiet + ["sovereign_fund.cash=0", "ai_lab.commitment=0", "sovereign_fund.liquidity_weight=0"]
        var first = try world(short + ["sovereign_fund.conviction=[hedge_funds,crypto,saas,hyperscaler_bond,memory,treasury]"])
        let a = try first.advance()
        // Coupons and dividends on their holdings (phase 3) cover a little of it first.
        #expect(a.redemptionNotices < 100 && a.redemptionNotices > 99, "two funds, 50 each")
        #expect(!a.flows.contains { $0.sector == "sovereign_fund" && $0.netUnits < 0 })
        var last = try world(short + ["sovereign_fund.conviction=[crypto,saas,hyperscaler_bond,memory,treasury,hedge_funds]"])
        let b = try last.advance()
        #expect(b.redemptionNotices == 0)
        #expect(b.flows.contains { $0.sector == "sovereign_fund" && $0.netUnits < 0 && $0.forcedUnits > 0 })
    }

    @Test func aBasisFundsFuturesHedgeSettlesThePriceChangeWithTheDealers() throws {
        // A large auction at step 1 moves the bond's price; each basis fund receives its hedged units
        // times the fall from the dealers, exactly, and the dealers' cash pays it.
        var w = try world(quiet + ["government.cash_buffer=1850"])
        let b = w.governmentBond, p0 = w.prices[b]
        let hedged = w.hedgeFunds.filter { $0.strategy == .basis }.reduce(0) { $0 + $1.hedge[b] }
        let r = try w.advance()
        #expect(hedged > 0 && w.prices[b] != p0)
        #expect(abs(r.futuresVariation - hedged * (p0 - w.prices[b])) < 1e-9 * hedged * p0)
        #expect(w.hedgeFunds.filter { $0.strategy == .basis }.allSatisfy { $0.hedge == $0.units }, "the hedge resets to the holdings")
        #expect(r.accountingError < 1e-9)
    }

    @Test func thePolicyRateMovesAtMostMaxMovePerMeeting() throws {
        var rules = try world([]).rules.centralBank
        rules.maxMove = 0.005
        #expect(abs(rules.meetingRate(previous: 0.035, inflation: 10, gap: 0) - 0.040) < 1e-15, "huge inflation: one step of 50 bp")
        #expect(abs(rules.meetingRate(previous: 0.035, inflation: -10, gap: 0) - 0.030) < 1e-15)
        rules.maxMove = 1
        let smoothed = rules.smoothing * 0.035 + (1 - rules.smoothing) * rules.targetRate(inflation: 0.03, gap: 0.01)
        #expect(abs(rules.meetingRate(previous: 0.035, inflation: 0.03, gap: 0.01) - smoothed) < 1e-15, "within the cap: the smoothed rule")
    }
}
