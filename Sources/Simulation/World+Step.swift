import Economy

extension World {
    /// One trading day. ODD "process overview and scheduling": the phases run in this order, each
    /// once per step; within a phase agents act synchronously on the same snapshot (they return
    /// orders; nothing is applied until settlement), so the order of agents never matters.
    ///
    ///  1. Scenario events due this step replace the rules in force (never a price)
    ///  2. Central bank: on meeting days the policy rate moves toward its reaction function's target
    ///     (spending growth), and the corridor (reverse-repo floor, standing-repo ceiling) with it
    ///  3. Cash flows: overnight funding settles (reverse repo returns with interest, repo interest);
    ///     margin interest; coupons (government, hyperscalers); the real economy pays dividends,
    ///     wages, taxes and cloud services out of last step's revenue; hyperscalers' buybacks;
    ///     households consume; the government buys goods; AI labs buy compute from hyperscalers
    ///  4. Funding needs: hyperscalers' capex bills (cut as their bond yield rises); AI labs call
    ///     committed capital from sovereign funds; on dealing days sovereign funds review hedge funds'
    ///     performance (notices after losses, subscriptions after gains); a sovereign fund short of
    ///     cash gives notice on its hedge-fund stakes when its selling order reaches them; notices
    ///     due are paid at NAV, and the funds paying them must sell as much this step
    ///  5. Dealers set haircuts from recent volatility and clients' credit lines; margin calls on the
    ///     morning's marks at the new haircuts become forced sales (with redemption sales), and the
    ///     exchange marks retail positions below maintenance margin for liquidation
    ///  6. Orders: fundamental investors re-value assets (yields, expected dividends); retail traders
    ///     may switch strategy by recent profitability, then send market orders; the government
    ///     auctions new bonds for its deficit, hyperscalers sell Treasuries and issue bonds for capex,
    ///     sovereign funds sell down their ranking for capital calls or rebalance (market orders); hedge funds
    ///     give demand curves from their strategies' signals (value, crypto trend, basis carry over
    ///     repo, macro duration; forced sellers market orders); money funds and the central bank
    ///     (QE/QT, backstop) bid for the bond; dealers inventory-averse liquidity
    ///  7. Clearing per market by Brent root finding on excess demand; the fills settle, margins and
    ///     maintenance margins are checked at the new prices, and new forced sales and liquidations
    ///     clear in further rounds, up to `market.max_rounds` (the intraday cascade); basis funds'
    ///     futures hedges settle the day's price change with the dealers
    ///  8. Funding market: the repo rate clears dealers' funding needs against money funds' lending
    ///     inside the corridor; the standing repo lends the rest at the ceiling, and money funds park
    ///     what they do not lend at the reverse-repo floor
    ///  9. Defaults (negative equity: the broker seizes collateral); hyperscalers pay capex to the real
    ///     economy and sovereign funds pay capital calls, as far as cash allows; hedge funds' closing
    ///     NAVs; the day's closing prices (retail strategies are scored on them), and the stock-flow
    ///     check; a violation stops the run
    /// 10. Recording: returns the step's `StepRecord` to the caller, who writes it
    ///
    /// After phases 3, 4, 7 (each round), 8 and 9 every price and institutional balance must be finite:
    /// a NaN or infinity stops the run where it arose (`NumericalFailure`), never later.
    public mutating func advance() throws -> StepRecord {
        step += 1
        applyEvents()                                                       // 1
        holdPolicyMeeting()                                                 // 2
        let reference = prices
        var log = StepLog(assets: prices.count)
        settleOvernightFunding()                                            // 3
        payMarginInterest()                                                 // 3
        payCashFlows(into: &log)                                            // 3
        buyCompute(into: &log)                                              // 3
        try checkFinite(after: "3 (cash flows)")
        billCapex()                                                         // 4
        callCapital(into: &log)                                             // 4
        reviewHedgeFunds(into: &log)                                        // 4
        redeemForCalls(into: &log)                                          // 4
        let redemptionSales = payRedemptions(into: &log)                    // 4
        try checkFinite(after: "4 (funding needs)")
        setHaircuts()                                                       // 5
        let credit = creditLines()                                          // 5
        var forced = zip(marginCalls(into: &log), redemptionSales).map { zip($0, $1).map(max) }  // 5
        _ = markLiquidations()                                              // 5
        let values = formBeliefs()                                          // 6
        let signals = signalInputs()                                        // 6
        try submitRetailOrders(values: values)                              // 6
        while log.rounds < rules.market.maxRounds {
            let curves = orders(forced: forced, called: log.forcedFunds, credit: credit, reference: reference,
                                signals: signals, firstRound: log.rounds == 0)  // 6
            let results = try clear(curves)                                 // 7
            settle(curves, results, into: &log)                             // 7
            try checkFinite(after: "7 (clearing round \(log.rounds))")
            forced = marginCalls(into: &log)                                // 7
            let liquidating = markLiquidations()                            // 7
            if liquidating == 0 && forced.allSatisfy({ $0.allSatisfy { $0 == 0 } }) { break }
        }
        settleFutures(into: &log)                                           // 7
        tradedValue = zip(log.volumes, prices).map { $0 * $1 }
        try clearFundingMarket(into: &log)                                  // 8
        try checkFinite(after: "8 (funding market)")
        log.defaults = resolveDefaults()                                    // 9
        payCapex(into: &log)                                                // 9
        payCapitalCalls(into: &log)                                         // 9
        recordNAVs()                                                        // 9
        closeDay()                                                          // 9
        try checkFinite(after: "9 (settlement)")
        let census = retailCensus()                                         // 9
        let error = try checkAccounting(census)                             // 9
        return record(log, retail: census, accountingError: error)          // 10
    }
}
