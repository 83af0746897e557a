import Foundation

extension HedgeFund {
    /// A strategy's signal as a function of the price tried: a value rather than a closure, since
    /// clearing evaluates it at every price its search tries (see `Strategy`).
    public enum Signal: Sendable {
        /// log(belief / p): how far the price lies below the fund's value belief.
        case valueGap(Double)
        /// The same whatever the price: a trend measured this morning.
        case constant(Double)
        /// The bond's yield at p, coupon / p, over a reference rate (coupon 0: an asset that is not a bond
        /// yields 0).
        case yieldPickUp(coupon: Double, over: Double)

        @inline(__always)
        public func callAsFunction(_ p: Double) -> Double {
            switch self {
            case let .valueGap(belief): return log(belief / p)
            case let .constant(signal): return signal
            case let .yieldPickUp(coupon, reference): return coupon / p - reference
            }
        }
    }

    /// A fund's demand for one asset at the price tried (`demand(asset:...)`), as numbers fixed for the round.
    public struct Demand: Sendable {
        let signal: Signal
        /// The strategy's exposure at a zero signal, its slope, and its cap at today's haircut.
        let base: Double, aggressiveness: Double, cap: Double
        /// Equity at the morning's prices, units held, and cash plus the unused credit line.
        let wealth: Double, held: Double, spendable: Double

        /// Units wanted at price `p`: the exposure `StrategyRules.exposure` gives, less what it holds,
        /// within what it can spend.
        @inline(__always)
        public func callAsFunction(_ p: Double) -> Double {
            let exposure = StrategyRules.exposure(signal: signal(p), base: base, aggressiveness: aggressiveness, cap: cap)
            return min(exposure * wealth / p - held, spendable / p)
        }
    }

    /// The strategy's signal for asset `a` as a function of its price (see `Strategy`).
    public func signal(asset a: Int, _ inputs: SignalInputs, rules: StrategyRules) -> Signal {
        let asset = inputs.assets[a], coupon = asset.kind == .bond ? asset.coupon : 0
        switch strategy {
        case .value: return .valueGap(belief[a])
        case .crypto: return .constant(inputs.trend[a])
        case .basis: return .yieldPickUp(coupon: coupon, over: inputs.repoRate + rules.hurdle)
        case .macro: return .yieldPickUp(coupon: coupon, over: inputs.expectedRate + rules.hurdle)
        }
    }

    /// Demand for asset `a`: a long position worth `exposure(signal(p))` times the fund's equity at
    /// the morning's `prices` (the fund decides on what it knows: a later fall in price can leave it
    /// over its margin limit, and its broker then forces sales). Purchases are limited to cash plus
    /// the unused part of its credit line. Every signal falls (or stays) as p rises, so demand
    /// decreases in p and clearing has one root.
    public func demand(asset a: Int, _ inputs: SignalInputs, prices: [Double], haircut: Double, creditLine: Double,
                       rules: StrategyRules) -> Demand {
        Demand(signal: signal(asset: a, inputs, rules: rules), base: rules.baseExposure,
               aggressiveness: rules.aggressiveness, cap: rules.exposureCap(haircut: haircut),
               wealth: max(equity(prices), 0), held: units[a], spendable: cash + max(creditLine - loan, 0))
    }
}
