import Foundation

/// How a run ended. `failed_to_clear`: it ran to the end, but some market failed to clear in some
/// round (its price stopped at the search edge with supply or demand unmatched), so its prices are
/// not all market prices; `failed`: it stopped (an accounting violation, a non-finite value);
/// `invalid`: its configuration was rejected.
public enum RunStatus: String, Sendable, CaseIterable {
    case ok
    case failedToClear = "failed_to_clear"
    case failed
    case invalid
}

/// Whether a run's markets functioned, from its step records: the first failure to clear and how often.
public struct RunHealth: Sendable {
    public let assets: [String]
    /// The first round that failed to clear: its step, asset, unmatched units and the day's price move.
    public private(set) var first: (step: Int, asset: Int, residual: Double, move: Double)?
    /// Steps in which some market failed to clear, and failed (market, round) pairs in all.
    public private(set) var failedSteps = 0
    public private(set) var failedRounds = 0

    public init(assets: [String]) { self.assets = assets }

    public mutating func observe(_ r: StepRecord) {
        let rounds = r.uncleared.reduce(0, +)
        guard rounds > 0 else { return }
        failedSteps += 1
        failedRounds += rounds
        if first == nil, let a = r.uncleared.firstIndex(where: { $0 > 0 }) {
            first = (r.step, a, r.residuals[a], exp(r.logReturns[a]) - 1)
        }
    }

    public var status: RunStatus { first == nil ? .ok : .failedToClear }

    /// Why the run is not ok, on one line; empty when it is.
    public var message: String {
        guard let first else { return "" }
        let side = first.residual > 0 ? "demand" : "supply"
        return "market \(assets[first.asset]) failed to clear at step \(first.step) "
            + "(\(String(format: "%.3g", abs(first.residual))) units of excess \(side) left at the search edge, "
            + "a \(String(format: "%+.1f%%", 100 * first.move)) move); markets failed to clear in \(failedSteps) steps "
            + "(\(failedRounds) market-rounds)"
    }
}

/// The runs a summary statistic is taken over: those that ended ok, or those and the runs whose
/// markets failed to clear (reported beside, so a failure's weight in a result is visible).
public enum RunSample: String, Sendable, CaseIterable {
    case ok
    case withFailedToClear = "with_failed_to_clear"

    public func admits(_ status: RunStatus) -> Bool {
        status == .ok || (self == .withFailedToClear && status == .failedToClear)
    }
}
