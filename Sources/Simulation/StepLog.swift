import Economy
/// What happened inside one step, accumulated across clearing rounds, for the recorder.
struct StepLog {
    var volumes: [Double]
    var forcedVolumes: [Double]
    var residuals: [Double]
    /// 1 for each asset whose market halted at its daily limit today (it stays shut for the day).
    var halted: [Int]
    var rounds = 0
    /// Funds that had to sell (margin calls, redemptions) in any round: they only deleverage after.
    var forcedFunds: Set<Int> = []
    /// Funds under a margin call in any round.
    var marginCalled: Set<Int> = []
    var defaults = 0
    /// Retail liquidation orders filled, and the value they sold.
    var liquidations = 0
    var liquidationValue = 0.0
    /// Government payments this step.
    var coupons = 0.0
    var spending = 0.0
    /// Units of its bond the government sold at auction.
    var issued = 0.0
    /// Units of their bond hyperscalers issued.
    var corporateIssued = 0.0
    /// Real-economy flows this step: dividends, wages, taxes paid; households' consumption.
    var dividends = 0.0
    var wages = 0.0
    var taxes = 0.0
    var consumption = 0.0
    /// Cloud services the real economy paid hyperscalers.
    var cloud = 0.0
    /// Households' money-fund shares bought (negative: redeemed) and cash paid into their crypto accounts.
    var moneyFundFlows = 0.0
    var cryptoAccountFlows = 0.0
    /// Hyperscalers' buybacks (paid to households) and capex (paid to the real economy).
    var buybacks = 0.0
    var capex = 0.0
    /// AI labs' compute spending, capital called from and paid by sovereign funds.
    var compute = 0.0
    var capitalCalls = 0.0
    var capitalPaid = 0.0
    /// Hedge-fund investors: redemption notices given (value at NAV), redemptions paid, subscriptions.
    var redemptionNotices = 0.0
    var redemptionsPaid = 0.0
    var distributions = 0.0
    var subscriptions = 0.0
    /// Futures variation margin dealers paid to basis funds (negative: received).
    var futuresVariation = 0.0
    /// Net trading per (sector, asset), in the order sectors first traded.
    var flows: [(sector: SectorID, flow: SectorFlow)] = []

    mutating func recordFill(_ sector: SectorID, asset: Int, units: Double, price: Double, forced: Bool) {
        let i = flows.firstIndex { $0.sector == sector && $0.flow.asset == asset } ?? {
            flows.append((sector, SectorFlow(sector: sector.name, asset: asset, netUnits: 0, netValue: 0, forcedUnits: 0)))
            return flows.count - 1
        }()
        flows[i].flow.netUnits += units
        flows[i].flow.netValue += units * price
        if forced { flows[i].flow.forcedUnits += max(-units, 0) }
    }

    init(assets: Int) {
        volumes = Array(repeating: 0, count: assets)
        forcedVolumes = Array(repeating: 0, count: assets)
        residuals = Array(repeating: 0, count: assets)
        halted = Array(repeating: 0, count: assets)
    }
}
