/// What the recorder sees of one step: observed after settlement, never fed back into the model.
public struct StepRecord: Sendable, Equatable {
    public var step: Int
    /// Per asset, in the market file's order.
    public var prices: [Double]
    public var logReturns: [Double]
    /// Annual yield (coupon / price) of each bond asset, in the market file's order of bonds.
    public var yields: [Double]
    /// Units traded over all clearing rounds.
    public var volumes: [Double]
    /// Units sold by forced sellers (margin calls) over all rounds.
    public var forcedVolumes: [Double]
    /// The largest unmatched excess demand of any round (0 when every round cleared).
    public var residuals: [Double]
    /// 1 for each asset whose market halted at its daily limit this step, orders left unmatched.
    public var halted: [Int]
    public var haircuts: [Double]
    public var clearingRounds: Int
    public var marginCalls: Int
    public var defaults: Int
    /// Margin loans owed by hedge funds and retail traders.
    public var marginLoans: Double
    /// Margin loans over the dealers' lending capacity.
    public var dealerCapacityUsed: Double
    /// The dealers' equity, the capital their inventories tie up at the step's haircuts, and per asset the
    /// further value they could finance ($bn).
    public var dealerEquity: Double
    /// The lowest of the dealers' equities: at or below 0, a dealer is insolvent (the model has no dealer default).
    public var dealerEquityMin: Double
    public var dealerCapitalUsed: Double
    public var dealerHeadroom: [Double]
    public var policyRate: Double
    public var repoRate: Double
    public var reverseRepoRate: Double
    public var standingRepoRate: Double
    /// Money funds' reverse-repo deposits at the central bank.
    public var reverseRepo: Double
    /// Money funds' repo loans to dealers.
    public var repoLending: Double
    public var standingRepo: Double
    public var centralBankBonds: Double
    /// Yield of the government's bond.
    public var governmentYield: Double
    /// Corporate (hyperscaler bond) yield minus government bond yield.
    public var creditSpread: Double
    public var capex: Double
    public var hyperscalerBondsIssued: Double
    public var hyperscalerCash: Double
    /// The real economy's revenue this step: nominal spending (against capacity, the output gap).
    public var nominalSpending: Double
    public var realEconomyCash: Double
    public var wages: Double
    public var taxes: Double
    public var dividends: Double
    public var buybacks: Double
    public var consumption: Double
    public var compute: Double
    public var capitalCalls: Double
    public var capitalPaid: Double
    public var sovereignCash: Double
    /// Capital called from sovereign funds and not yet paid.
    public var sovereignOwed: Double
    /// Equity of all hedge funds of each strategy, in `Strategy.allCases` order.
    public var hedgeFundEquity: [Double]
    /// Value at NAV of the sovereign funds' hedge-fund stakes.
    public var sovereignStakes: Double
    /// Redemption notices given (value at NAV), redemptions paid and subscriptions this step.
    public var redemptionNotices: Double
    public var redemptionsPaid: Double
    public var distributions: Double
    public var subscriptions: Double
    /// Futures variation margin dealers paid to basis funds this step (negative: received).
    public var futuresVariation: Double
    public var governmentCash: Double
    /// Dry powder: money funds' cash and reverse-repo deposits, and sovereign funds' cash above their buffer.
    public var dryPowder: Double
    /// Hyperscalers' operating cash flow this step (cloud services and compute sold), their issuer
    /// leverage (bonds owed at face over a year of smoothed cash flow), and the goods price level,
    /// inflation and output gap the central bank measures.
    public var hyperscalerCashFlow: Double
    public var hyperscalerLeverage: Double
    public var priceLevel: Double
    public var inflation: Double
    public var outputGap: Double
    /// Households' deposits, money-fund shares and crypto accounts (equity), and this step's flows into
    /// money funds and crypto accounts (negative: out).
    public var householdDeposits: Double
    public var moneyFundShares: Double
    public var cryptoAccounts: Double
    public var moneyFundFlows: Double
    public var cryptoAccountFlows: Double
    public var moneyFundBonds: Double
    /// Units of the government's bond outstanding at the end of the step.
    public var bondsOutstanding: Double
    public var bondsIssued: Double
    public var coupons: Double
    public var governmentSpending: Double
    public var liquidations: Int
    public var liquidationValue: Double
    public var trendShare: Double
    public var fundamentalShare: Double
    public var hedgeFundUnits: [Double]
    public var dealerUnits: [Double]
    public var retailUnits: [Double]
    public var sovereignUnits: [Double]
    public var retailBuyOrders: Double
    public var retailSellOrders: Double
    /// Total cash of all agents (trades and loans only move it; central-bank operations change it).
    public var totalCash: Double
    /// Largest relative error of any stock-flow identity this step (0 when exact).
    public var accountingError: Double
    /// The columns of the sectors added as data, in `Sectors.registered` order.
    public var sectorValues: [Double]
    /// Each sector's net trading per asset this step (sectors that traded nothing are absent).
    public var flows: [SectorFlow]
}
