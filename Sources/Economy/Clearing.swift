import Foundation
import Stochastics

/// The outcome of clearing one market for one round.
public struct ClearingResult: Sendable, Equatable {
    public let price: Double
    /// Fill of each curve, in the order given (positive bought, negative sold); fills sum to zero.
    public let fills: [Double]
    /// Excess demand (units) left unmatched at `price`: zero when a clearing price was found within the
    /// day's limits, otherwise what was rationed away on the long side (> 0) or short side (< 0).
    public let residual: Double
    /// Units traded (the sum of buys).
    public let volume: Double
    /// True when the price reached the day's limit with supply or demand unmatched beyond rounding
    /// (`Clearing.unmatchedTolerance` of the orders): the market halts there (limit-down or limit-up, as
    /// exchanges' circuit breakers do). The fills are trades at the limit price, the longer side rationed.
    public let halted: Bool

    /// The result in a market already halted today: no trade at its limit price.
    public static func shut(at price: Double, participants: Int) -> ClearingResult {
        ClearingResult(price: price, fills: Array(repeating: 0, count: participants), residual: 0, volume: 0,
                       halted: true)
    }
}

/// Finds the price at which excess demand is zero, by Brent's method on log price.
public enum Clearing {
    /// Unmatched excess at the limit, as a fraction of all units ordered, above which a round halted
    /// (below it, the rationing only absorbs rounding).
    public static let unmatchedTolerance = 1e-9

    /// Clears `curves` starting from `reference` (usually the price the last round left), within the
    /// day's limits `floor` and `ceiling` (prices; the reference lies between them).
    ///
    /// The bracket widens geometrically from log(reference) toward the limit on the side excess demand
    /// pushes, until excess demand changes sign or the limit is reached. Without a sign change the
    /// price stops at the limit and the longer side is rationed pro rata: fills always balance exactly,
    /// the unmatched excess is returned as `residual`, and the result says the market halted.
    public static func clear(_ curves: [DemandCurve], reference: Double, floor: Double, ceiling: Double,
                             tolerance: Double) throws -> ClearingResult {
        var remembered = Remembered()
        func excess(_ x: Double) -> Double {
            remembered.value(at: x) { x in
                let p = exp(x)
                // The curves read in place (a copy of each per evaluation retains its closure).
                return curves.withUnsafeBufferPointer { curves in
                    var total = 0.0
                    for i in curves.indices { total += curves[i].quantity(p) }
                    return total
                }
            }
        }
        let limits = (log(floor), log(ceiling))
        do { return try search(curves, reference: reference, limits: limits, tolerance: tolerance, excess) } catch {
            // Name the participant whose order is not a number, where one is.
            if case let .nonFinite(x) = error as? RootFindingError {
                try checkFinite(curves.map { $0.quantity(exp(x)) }, curves, at: exp(x))
            }
            throw error
        }
    }

    /// Throws `NonFiniteOrder` for the first of `wanted` (the curves' quantities at `price`) that is not finite.
    private static func checkFinite(_ wanted: [Double], _ curves: [DemandCurve], at price: Double) throws {
        if let i = wanted.firstIndex(where: { !$0.isFinite }) {
            throw NonFiniteOrder(participant: curves[i].participant, price: price, quantity: wanted[i])
        }
    }

    private static func search(_ curves: [DemandCurve], reference: Double, limits: (low: Double, high: Double),
                               tolerance: Double, _ excess: (Double) -> Double) throws -> ClearingResult {
        let x0 = min(max(log(reference), limits.low), limits.high)
        var price = exp(x0), bracketed = true
        let z0 = excess(x0)
        if z0 != 0 {
            let direction = z0 > 0 ? 1.0 : -1.0  // excess demand pushes the price up
            let room = direction > 0 ? limits.high - x0 : x0 - limits.low
            var near = x0, width = min(0.01, room)
            var far = x0 + direction * width
            while width < room, excess(far) * direction > 0 {
                near = far
                width = min(width * 2, room)
                far = x0 + direction * width
            }
            if room <= 0 || excess(far) * direction > 0 {
                price = exp(far)
                bracketed = false
            } else {
                let root = try Brent.root(in: min(near, far), max(near, far), relativeTolerance: tolerance, excess)
                price = exp(root)
            }
        }
        let wanted = curves.map { $0.quantity(price) }
        try checkFinite(wanted, curves, at: price)
        return ration(wanted, at: price, bracketed: bracketed)
    }

    /// Scales the longer side down to the shorter so that fills sum to zero.
    static func ration(_ wanted: [Double], at price: Double, bracketed: Bool) -> ClearingResult {
        let buys = wanted.reduce(0) { $0 + max($1, 0) }
        let sells = wanted.reduce(0) { $0 + max(-$1, 0) }
        let matched = min(buys, sells)
        let buyScale = buys > 0 ? matched / buys : 0
        let sellScale = sells > 0 ? matched / sells : 0
        let fills = wanted.map { $0 > 0 ? $0 * buyScale : $0 * sellScale }
        let halted = !bracketed && abs(buys - sells) > unmatchedTolerance * (buys + sells)
        return ClearingResult(price: price, fills: fills, residual: buys - sells, volume: matched, halted: halted)
    }
}

/// A participant's order that is not a finite number of units: the market cannot clear it.
public struct NonFiniteOrder: Error, Sendable, CustomStringConvertible {
    public let participant: AgentID
    public let price: Double
    public let quantity: Double
    public var description: String { "\(participant)'s order at price \(price) is \(quantity) units" }
}
