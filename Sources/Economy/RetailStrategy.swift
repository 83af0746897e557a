import Foundation

/// A retail trading rule. Traders switch between them by recent profitability (Brock and Hommes 1998).
public enum RetailStrategy: UInt8, CaseIterable, Sendable {
    case noise = 0
    case trend = 1
    case fundamental = 2
}

/// Each strategy's recent profitability: an exponential average of the log return its signal would
/// have earned, `U_k <- (1 - m) U_k + m s_k r` (signal s in {-1, 0, 1}, r the next step's log return).
public struct StrategyFitness: Sendable, Equatable {
    public private(set) var profitability: [Double] = Array(repeating: 0, count: RetailStrategy.allCases.count)

    public init() {}

    public mutating func update(signals: [Double], realisedReturn r: Double, memory m: Double) {
        for k in profitability.indices { profitability[k] = (1 - m) * profitability[k] + m * signals[k] * r }
    }

    /// Logit choice weights `exp(beta U_k)`, shifted for numerical safety.
    public func weights(intensity beta: Double) -> [Double] {
        let top = profitability.map { beta * $0 }.max() ?? 0
        return profitability.map { exp(beta * $0 - top) }
    }
}
