import Economy

extension World {
    /// The trading day's phases, in the order they run, each once per step. Within a phase agents act
    /// on the same snapshot (they return orders; nothing is applied until settlement), so the order of
    /// agents never matters. A phase that `checksFinite` stops the run where a NaN or infinity arose.
    public static let phases: [Phase] = [
        Phase(number: 1, name: "events",
              summary: "scenario events due this step replace the rules in force (never a price)",
              checksFinite: false) { world, _ in world.applyEvents() },
        Phase(number: 2, name: "central bank",
              summary: "QT without sales runs the bank's bonds off (the government repays them at par); on meeting "
                  + "days the policy rate moves toward its Taylor rule's target (inflation, output gap), and the corridor "
                  + "(reverse-repo floor, standing-repo ceiling) with it",
              checksFinite: false) { world, _ in world.holdPolicyMeeting() },
        Phase(number: 3, name: "cash flows",
              summary: "overnight funding settles (reverse repo returns with interest, dealers' reserves earn the floor, repo interest); margin "
                  + "interest; coupons (government, hyperscalers); the real economy pays dividends, wages, taxes and "
                  + "cloud services out of last step's revenue; hyperscalers' buybacks; households consume; the "
                  + "government buys goods; AI labs buy compute from hyperscalers; money funds reinvest their income in "
                  + "households' shares; households move toward their target portfolio (money-fund shares, crypto accounts) and fund the sectors "
                  + "added as data that ask for it (speculators' new money)",
              checksFinite: true) { world, day in
            world.settleOvernightFunding()
            world.payMarginInterest()
            let retail = world.payCashFlows(into: &day.log)
            world.buyCompute(into: &day.log)
            world.reinvestMoneyFundIncome()
            world.rebalanceHousehold(retail, into: &day.log)
            world.fundAddedSectors()
        },
        Phase(number: 4, name: "funding needs",
              summary: "hyperscalers' capex bills (cut as their bond yield rises); AI labs call committed capital "
                  + "from sovereign funds; on dealing days sovereign funds review hedge funds' performance (notices "
                  + "after losses, subscriptions after gains); a sovereign fund short of cash gives notice on its "
                  + "hedge-fund stakes when its selling order reaches them; notices due are paid at NAV, and the "
                  + "funds paying them must sell as much this step; funds that need not sell pay out part of their profit, "
                  + "buying back every holder's shares pro rata",
              checksFinite: true) { world, day in
            world.billCapex()
            world.callCapital(into: &day.log)
            world.reviewHedgeFunds(into: &day.log)
            world.redeemForCalls(into: &day.log)
            day.forced = world.payRedemptions(into: &day.log)
            world.distributeProfits(forced: day.forced, into: &day.log)
        },
        Phase(number: 5, name: "margins",
              summary: "dealers set haircuts from recent volatility and clients' credit lines; margin calls on the "
                  + "morning's marks at the new haircuts become forced sales (with redemption sales), and the "
                  + "exchange marks retail positions below maintenance margin for liquidation",
              checksFinite: false) { world, day in
            world.setHaircuts()
            day.credit = world.creditLines()
            var forced = world.marginCalls(into: &day.log)
            forced.raise(to: day.forced)
            day.forced = forced
            _ = world.markLiquidations()
        },
        Phase(number: 6, name: "orders",
              summary: "fundamental investors re-value assets (yields, expected dividends); sectors added as data start "
                  + "their day (speculators draw their orders); retail traders may switch "
                  + "strategy by recent profitability, then send market orders; every other participant's order is "
                  + "taken in each round of phase 7 from the state after the last: the government's auction and "
                  + "hyperscalers' Treasury sales and bond issuance for capex, sovereign funds' sales for capital "
                  + "calls or rebalancing (first round only); hedge funds' curves from their strategies' signals "
                  + "(forced sellers' market orders); money funds' and the central bank's bids for the bond; dealers' "
                  + "inventory-averse liquidity within their capital at today's haircuts, with their bids for the auction; the curves of every sector added as data (`Sectors.registered`)",
              checksFinite: false) { world, day in
            day.values = world.formBeliefs()
            world.beginSectorDays(values: day.values)
            day.signals = world.signalInputs()
            try world.submitRetailOrders(values: day.values)
        },
        Phase(number: 7, name: "clearing",
              summary: "each market clears by Brent root finding on excess demand; the fills settle, margins and "
                  + "maintenance margins are checked at the new prices, and new forced sales and liquidations clear "
                  + "in further rounds, up to `market.max_rounds` (the intraday cascade; finiteness checked each "
                  + "round); basis funds' futures hedges settle the day's price change with the dealers",
              checksFinite: false) { world, day in try world.clearRounds(&day) },
        Phase(number: 8, name: "funding market",
              summary: "the repo rate clears dealers' funding needs against money funds' lending inside the corridor; "
                  + "the standing repo lends the rest at the ceiling, and money funds park what they do not lend at "
                  + "the reverse-repo floor",
              checksFinite: true) { world, day in try world.clearFundingMarket(into: &day.log) },
        Phase(number: 9, name: "settlement",
              summary: "defaults (negative equity: the broker seizes collateral); hyperscalers pay capex to the real "
                  + "economy and sovereign funds pay capital calls, as far as cash allows; hedge funds' closing NAVs; "
                  + "the day's closing prices (retail strategies are scored on them); goods prices move with demand "
                  + "against capacity",
              checksFinite: true) { world, day in
            day.log.defaults = world.resolveDefaults()
            world.payCapex(into: &day.log)
            world.payCapitalCalls(into: &day.log)
            world.recordNAVs()
            world.closeDay()
        },
        Phase(number: 10, name: "accounting",
              summary: "the stock-flow check (a violation stops the run); the step's record goes to the caller, who "
                  + "writes it",
              checksFinite: false) { world, day in
            let census = world.retailCensus()
            let error = try world.checkAccounting(census)
            day.record = world.record(day.log, retail: census, accountingError: error)
        },
    ]

    /// One trading day: every phase of `World.phases` in order.
    public mutating func advance() throws -> StepRecord {
        step += 1
        ledgerImbalance = (0, .none, .cash)
        var day = Day(prices: prices)
        for phase in Self.phases {
            try phase.run(&self, &day)
            if phase.checksFinite { try checkFinite(after: phase.label) }
        }
        return day.record!
    }

    /// Phase 7: clearing rounds until no fund is called and no trader marked, or `max_rounds`; then the
    /// futures settle.
    mutating func clearRounds(_ day: inout Day) throws {
        while day.log.rounds < rules.market.maxRounds {
            let curves = orders(forced: day.forced, called: day.log.forcedFunds, credit: day.credit,
                                reference: day.reference, signals: day.signals!, firstRound: day.log.rounds == 0)
            let results = try clear(curves, halted: day.log.halted.map { $0 > 0 })
            settle(curves, results, into: &day.log)
            try checkFinite(after: "7 (clearing round \(day.log.rounds))")
            day.forced = marginCalls(into: &day.log)
            let liquidating = markLiquidations()
            if liquidating == 0 && day.forced.isEmpty { break }
        }
        settleFutures(into: &day.log)
        tradedValue = zip(day.log.volumes, prices).map { $0 * $1 }
    }
}
