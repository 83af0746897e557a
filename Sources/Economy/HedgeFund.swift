import Foundation

/// What a strategy's signals read besides the fund itself: the market as of this morning.
public struct SignalInputs: Sendable {
    public var assets: [AssetSpec]
    /// Log price change of each asset over the crypto strategy's lookback.
    public var trend: [Double]
    /// The overnight repo rate.
    public var repoRate: Double
    /// The policy rate the central bank's reaction function points to now.
    public var expectedRate: Double

    public init(assets: [AssetSpec], trend: [Double], repoRate: Double, expectedRate: Double) {
        (self.assets, self.trend, self.repoRate, self.expectedRate) = (assets, trend, repoRate, expectedRate)
    }
}

/// A redemption notice: an investor's shares to be paid out at the NAV of step `due`.
public struct RedemptionNotice: Sendable, Equatable {
    public let investor: Int
    public var shares: Double
    public let due: Int

    public init(investor: Int, shares: Double, due: Int) { (self.investor, self.shares, self.due) = (investor, shares, due) }
}

/// One hedge fund: a strategy, a balance sheet, a prime broker, and the shares its investors own.
///
/// Cash is never negative: buying beyond cash draws on a loan from the fund's prime broker; sale
/// proceeds repay the loan first. The broker lends at most `1 - h` of the collateral's value, so the
/// fund's equity must stay at least `h` of its positions (h: the dealer's haircut).
public struct HedgeFund: Sendable {
    public let strategy: Strategy
    /// Indices of the assets the strategy trades.
    public let assets: [Int]
    /// Cash, units held per asset, and the loan owed to the prime broker (margin loan, or repo for the
    /// basis strategy; a negative `marginLoan` claim).
    public var book: Book
    public var cash: Double { book.cash }
    public var units: [Double] { book.units }
    public var loan: Double { -book[.marginLoan] }
    /// Index of the dealer that is the fund's prime broker.
    public let broker: Int
    /// The value per unit the fund believes each asset is worth: the asset's anchor value times
    /// exp(the fund's own log deviation). Only the value strategy trades on it.
    public private(set) var belief: [Double]
    /// The fund's log deviation from each asset's anchor value, drawn once.
    public let beliefNoise: [Double]
    /// Shares outstanding: NAV per share is equity over shares (1 at step 0).
    public var shares: Double
    /// What its investors have put in and not taken out (equity at step 0, plus subscriptions, less the
    /// redeemed shares' part): its profit is equity above it.
    public var costBasis: Double
    /// Redemption notices not yet paid, oldest first.
    public var notices: [RedemptionNotice] = []
    /// NAV per share at the close of past steps, newest last (what investors judge it by).
    public var navHistory: [Double] = []
    /// Units of each asset hedged short in futures (the basis strategy: its holdings at the last
    /// close), settled daily in cash against the price change.
    public var hedge: [Double] = []

    public init(strategy: Strategy = .value, assets: [Int]? = nil, cash: Double, units: [Double], loan: Double = 0,
                broker: Int, beliefNoise: [Double], anchors: [Double], shares: Double = 1) {
        self.strategy = strategy
        self.assets = assets ?? Array(units.indices)
        book = Book(cash: cash, units: units, claims: [.marginLoan: -loan])
        self.broker = broker
        self.beliefNoise = beliefNoise
        belief = zip(anchors, beliefNoise).map { $0 * exp($1) }
        self.shares = shares
        costBasis = shares
        if strategy == .basis { hedge = units }
    }

    /// Re-centres the fund's beliefs on new anchor values (a scenario event may change them).
    public mutating func anchor(on anchors: [Double]) {
        for a in belief.indices { belief[a] = anchors[a] * exp(beliefNoise[a]) }  // in place: no array a step
    }

    @inlinable public func positions(_ prices: [Double]) -> Double {
        zip(book.units, prices).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Equity (net worth before investors' claims) at prices `p`.
    @inlinable public func equity(_ prices: [Double]) -> Double { cash + positions(prices) - loan }

    /// Shares `investor` has given notice on and not yet been paid for.
    @inlinable public func noticedShares(by investor: Int) -> Double {
        var total = 0.0
        for notice in notices where notice.investor == investor { total += notice.shares }
        return total
    }

    /// Net asset value per share at `prices` (0 once equity is gone).
    @inlinable public func nav(_ prices: [Double]) -> Double { shares > 0 ? max(equity(prices), 0) / shares : 0 }

    /// Units of asset `a` the fund must sell now to meet its margin requirement at `prices` and
    /// `haircut` (0 when it is within the requirement). Selling x units at p repays x p of the loan; the
    /// requirement `loan <= (1 - h) * positions` is met when x = (loan - (1 - h) P) / (h p): a margin
    /// call forces sales of 1/h times the shortfall (Brunnermeier and Pedersen's loss spiral).
    public func marginCallSale(asset a: Int, prices: [Double], haircut h: Double) -> Double {
        marginCallSale(asset: a, prices: prices, haircut: h, positions: positions(prices))
    }

    /// The same, given `positions(prices)` (what a call for each asset in turn computes once).
    public func marginCallSale(asset a: Int, prices: [Double], haircut h: Double,
                               positions position: Double) -> Double {
        let p = prices[a]
        let excess = loan - cash - (1 - h) * position
        guard excess > 1e-9 * max(position, 1), units[a] > 0 else { return 0 }
        return min(units[a], excess / (max(h, 1e-9) * p))
    }

    /// Units to sell per asset to raise `value` at `prices`, pro rata to position values.
    public func proRataSale(of value: Double, prices: [Double]) -> [Double] {
        let total = positions(prices)
        guard value > 0, total > 0 else { return units.map { _ in 0 } }
        let fraction = min(value / total, 1)
        return units.map { $0 * fraction }
    }
}
