import Config

/// What kind of claim an asset is; decides its cash flows and whether it has a yield.
public enum AssetKind: String, CaseIterable, Sendable {
    /// Fixed supply, no cash flows, nobody's liability.
    case crypto
    /// A perpetual bond (consol) paying `coupon` a year per unit: yield = coupon / price.
    case bond
    /// A share in the real economy's earnings, paid as dividends (`Agents/real_economy.yaml`).
    case equity
}

/// A traded asset, as data: a user adds one in `Agents/market.yaml`, not in Swift.
public struct AssetSpec: Sendable, Equatable {
    public let name: String
    public let kind: AssetKind
    /// Units outstanding at step 0 (bonds grow by issuance).
    public let supply: Double
    public let initialPrice: Double
    /// The value that fundamental investors anchor their beliefs on, in dollars per unit.
    public let anchorValue: Double
    /// Coupon per unit per year (bonds; 0 otherwise).
    public let coupon: Double
    /// How far fundamental investors' value belief falls per unit rise of the government bond's
    /// yield: value = anchor x exp(-duration x (yield - initial yield)).
    public let duration: Double
    /// The most the price may move in a day, in log points from the last close either way: a market
    /// that cannot clear within it halts at the limit for the rest of the day.
    public let dailyLimit: Double

    public init(name: String, kind: AssetKind = .crypto, supply: Double, initialPrice: Double, anchorValue: Double,
                coupon: Double = 0, duration: Double = 0, dailyLimit: Double) {
        self.name = name
        self.kind = kind
        self.supply = supply
        self.initialPrice = initialPrice
        self.anchorValue = anchorValue
        self.coupon = coupon
        self.duration = duration
        self.dailyLimit = dailyLimit
    }

    init(name: String, _ r: inout RuleReader) {
        self.name = name
        r.scope = .setUp
        kind = r.choice("kind", "crypto (no cash flows), bond (a consol paying a coupon) or equity (dividends from the real economy)")
        supply = r.number("supply", "units outstanding at step 0", unit: "bn units", .closed(1e-6, 1e9))
        r.scope = .price
        initialPrice = r.number("initial_price", "price at step 0", unit: "$/unit", .closed(1e-6, 1e9))
        r.scope = .dynamic
        anchorValue = r.number("anchor_value", "value fundamental investors' beliefs are centred on",
                               unit: "$/unit", .closed(1e-6, 1e9))
        r.scope = .setUp
        coupon = kind == .bond || r.isDescribing
            ? r.number("coupon", "bonds only: coupon per unit per year, paid daily by the issuer (yield = coupon / price)",
                       unit: "$/unit/year", .closed(0, 1e9))
            : 0
        r.require(coupon <= initialPrice, at: ["initial_price", "coupon"],
                  "a bond's initial yield, coupon / initial_price = \(Bound.format(coupon)) / \(Bound.format(initialPrice)), "
                  + "must be at most 1 (100% a year)")
        r.scope = .dynamic
        duration = r.number("duration", "fall in fundamental investors' log value belief per unit rise of the government bond's yield (long-dated cash flows: large)",
                            unit: "years", .closed(0, 200))
        dailyLimit = r.number("daily_limit", "the most the price may move in a day, from the last close either way; a market "
                              + "that cannot clear within it halts at the limit for the rest of the day (a circuit breaker)",
                              unit: "log points", .closed(0.001, 5))
    }

    /// Annual yield at `price` (bonds); nil for assets without cash flows.
    public func yield(at price: Double) -> Double? { kind == .bond ? coupon / price : nil }
}
