import Economy

extension World {
    /// Phase 10: the step as the recorder sees it.
    func record(_ log: StepLog, retail totals: RetailCensus, accountingError: Double) -> StepRecord {
        let n = prices.count, measured = policyInputs()
        return StepRecord(
            step: step, prices: prices,
            logReturns: (0..<n).map { history[history.count - 1][$0] - history[history.count - 2][$0] },
            yields: rules.market.assets.indices.compactMap { rules.market.assets[$0].yield(at: prices[$0]) },
            volumes: log.volumes, forcedVolumes: log.forcedVolumes, residuals: log.residuals,
            halted: log.halted, haircuts: haircuts,
            clearingRounds: log.rounds, marginCalls: log.marginCalled.count, defaults: log.defaults,
            marginLoans: hedgeFunds.indices.reduce(0) { $0 + hedgeFunds[$1].loan } + totals.loan,
            dealerCapacityUsed: dealerCapacityUsed, dealerEquity: dealerEquity,
            dealerEquityMin: dealers.map { $0.equity(prices) }.min() ?? 0, dealerCapitalUsed: dealerCapitalUsed,
            dealerHeadroom: prices.indices.map { dealerCapacity(asset: $0) },  // `map(dealerCapacity)` copies self
            policyRate: centralBank.policyRate, repoRate: repoRate,
            reverseRepoRate: centralBank.floor(rules.centralBank), standingRepoRate: centralBank.ceiling(rules.centralBank),
            reverseRepo: centralBank.reverseRepo, repoLending: moneyFunds.reduce(0) { $0 + $1.repoLent },
            standingRepo: centralBank.standingRepo, centralBankBonds: centralBank.bonds,
            governmentYield: yield(governmentBond), creditSpread: yield(hyperscalerBond) - yield(governmentBond),
            capex: log.capex, hyperscalerBondsIssued: log.corporateIssued, hyperscalerCash: hyperscalers.reduce(0) { $0 + $1.cash },
            nominalSpending: realEconomy.revenue, realEconomyCash: realEconomy.cash, wages: log.wages, taxes: log.taxes,
            dividends: log.dividends, buybacks: log.buybacks, consumption: log.consumption,
            compute: log.compute, capitalCalls: log.capitalCalls, capitalPaid: log.capitalPaid,
            sovereignCash: sovereignFunds.reduce(0) { $0 + $1.cash }, sovereignOwed: sovereignFunds.reduce(0) { $0 + $1.owed },
            hedgeFundEquity: Strategy.allCases.map { strategy in
                hedgeFunds.indices.reduce(0) {
                    hedgeFunds[$1].strategy == strategy ? $0 + hedgeFunds[$1].equity(prices) : $0
                }
            },
            sovereignStakes: sovereignFunds.reduce(0) { [navs = navs()] in $0 + $1.stakeValue(navs: navs) },
            redemptionNotices: log.redemptionNotices, redemptionsPaid: log.redemptionsPaid,
            distributions: log.distributions, subscriptions: log.subscriptions,
            futuresVariation: log.futuresVariation,
            governmentCash: government.cash,
            dryPowder: moneyFunds.reduce(0) { $0 + $1.cash + $1.reverseRepo }
                + sovereignFunds.reduce(0) { $0 + max($1.cash - rules.sovereignFund.cashBuffer, 0) },
            hyperscalerCashFlow: log.cloud + log.compute, hyperscalerLeverage: issuerLeverage()[hyperscalerBond],
            priceLevel: realEconomy.priceLevel, inflation: measured.inflation, outputGap: measured.gap,
            householdDeposits: household.deposits, moneyFundShares: household.moneyFundShares,
            cryptoAccounts: cryptoAccounts(totals), moneyFundFlows: log.moneyFundFlows,
            cryptoAccountFlows: log.cryptoAccountFlows,
            moneyFundBonds: moneyFunds.reduce(0) { $0 + $1.bonds }, bondsOutstanding: government.bondsOutstanding, bondsIssued: log.issued,
            coupons: log.coupons, governmentSpending: log.spending,
            liquidations: log.liquidations, liquidationValue: log.liquidationValue,
            trendShare: retail.share(of: .trend), fundamentalShare: retail.share(of: .fundamental),
            hedgeFundUnits: units(of: .hedgeFund),
            dealerUnits: units(of: .dealer),
            retailUnits: (0..<n).map { a in a == retailAsset ? totals.units : 0 },
            sovereignUnits: units(of: .sovereignFund),
            retailBuyOrders: retail.totalBuyCash, retailSellOrders: retail.totalSellUnits,
            totalCash: totalCash(retailCash: totals.cash), accountingError: accountingError,
            sectorValues: addedSectors.flatMap { [market = marketView(firstRound: false)] in $0.values(market) },
            flows: log.flows.map(\.flow).sorted { ($0.asset, $0.sector) < ($1.asset, $1.sector) })
    }

}
