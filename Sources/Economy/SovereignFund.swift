import Config

/// One place in a sovereign fund's selling order: a market asset, or its hedge-fund stakes (named
/// `hedge_funds` in the conviction list), which it redeems with a notice lag.
public enum RankedHolding: Equatable, Sendable {
    case asset(Int)
    case hedgeFunds

    /// The conviction list's name for the hedge-fund stakes.
    public static let hedgeFundsName = "hedge_funds"
}

/// Rules of the sovereign funds (`Agents/sovereign_fund.yaml`): large holders with dry powder who meet
/// AI labs' capital calls from cash, then by selling holdings in a configured order, and who put
/// cash above their buffer back into their strategic allocation when flush.
public struct SovereignFundRules: Sendable, Equatable {
    public static let type = "sovereign_fund"

    public var count: Int
    public var cash: DistributionSpec
    public var holdings: [Holding]
    public var cashBuffer: Double
    public var liquidityWeight: Double
    public var conviction: [String]
    public var flushMultiple: Double
    public var rebalanceRate: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        count = r.integer("count", "number of sovereign funds", unit: "funds", .closed(0, 100))
        cash = r.distribution("cash", "each fund's cash at step 0: dry powder", unit: "$bn", .money)
        holdings = r.namedSections("holdings", "fraction of each asset's supply the sector holds at step 0, split equally; also its strategic weights") {
            Holding(asset: $0, share: $1.number("share", "fraction of the asset's supply held at step 0", unit: "fraction", .unitInterval))
        }
        r.scope = .dynamic
        cashBuffer = r.number("cash_buffer", "cash each fund keeps; a capital call beyond the cash above it forces sales",
                              unit: "$bn", .money)
        liquidityWeight = r.number("liquidity_weight", "weight of expected price impact against conviction when ranking what to sell: 0 sells by conviction alone, 1 by impact alone",
                                   unit: "fraction", .unitInterval)
        conviction = r.texts("conviction", "asset names and hedge_funds (its stakes, redeemed with a notice lag), believed in least first")
        flushMultiple = r.number("flush_multiple", "cash, as a multiple of the buffer, above which the fund rebalances into its holdings",
                                 unit: "multiple", .closed(1, 100))
        rebalanceRate = r.number("rebalance_rate", "fraction of the cash above that level invested per step, in proportion to its step-0 holdings' value",
                                 unit: "fraction per step", .unitInterval)
    }

    /// One asset of the sector's step-0 holdings.
    public struct Holding: Sendable, Equatable {
        public let asset: String
        /// Fraction of the asset's supply held at step 0.
        public let share: Double
    }

    /// The fraction of `asset`'s supply the sector holds at step 0 (0 when not listed).
    public func share(of asset: String) -> Double { holdings.first { $0.asset == asset }?.share ?? 0 }
}

/// One sovereign fund: cash, holdings, and what it still owes on capital calls.
public struct SovereignFund: Sendable {
    /// Cash, units held per asset, and capital called but not yet paid (a negative `capitalCall` claim).
    public var book: Book
    public var cash: Double { book.cash }
    public var units: [Double] { book.units }
    public var owed: Double { -book[.capitalCall] }
    /// Shares held in each hedge fund (valued at the fund's NAV).
    public var stakes: [Double]

    public init(cash: Double, units: [Double], stakes: [Double] = []) {
        book = Book(cash: cash, units: units)
        self.stakes = stakes
    }

    /// What to sell to raise the cash its calls need beyond the cash above its buffer and the
    /// redemptions it is already owed (`pending`): whole holdings in `ranking` order until the
    /// shortfall is covered at `prices`. Reaching `.hedgeFunds`, it redeems up to `redeemable` (its
    /// stakes' value not yet under notice): cash that arrives after the notice lag.
    public func forcedSales(ranking: [RankedHolding], prices: [Double], pending: Double, redeemable: Double,
                            rules: SovereignFundRules) -> (sales: [Double], redeem: Double) {
        var short = owed + rules.cashBuffer - cash - pending
        var sales = units.map { _ in 0.0 }, redeem = 0.0
        for item in ranking where short > 0 {
            switch item {
            case let .asset(a) where units[a] > 0:
                sales[a] = min(units[a], short / prices[a])
                short -= sales[a] * prices[a]
            case .asset: continue
            case .hedgeFunds:
                redeem = min(max(redeemable, 0), short)
                short -= redeem
            }
        }
        return (sales, redeem)
    }

    /// Value of its hedge-fund stakes at the funds' NAVs per share.
    public func stakeValue(navs: [Double]) -> Double { zip(stakes, navs).reduce(0) { $0 + $1.0 * $1.1 } }

    /// Cash it would reinvest: what lies above `flush_multiple` x buffer while it owes no calls.
    public func excessCash(rules: SovereignFundRules) -> Double {
        owed > 0 ? 0 : max(cash - rules.flushMultiple * rules.cashBuffer, 0)
    }

    /// Cash to invest this step when flush: `rebalance_rate` of its excess cash.
    public func investable(rules: SovereignFundRules) -> Double { rules.rebalanceRate * excessCash(rules: rules) }
}
