import Foundation

/// How a run ended. `failed`: it stopped (an accounting violation, a non-finite value); `invalid`: its
/// configuration was rejected. A market that halts at its daily limit does not make a run fail: a halt
/// is an event of the market, counted (`RunHealth`, runs.csv's `halt_days`) and reported beside the results.
public enum RunStatus: String, Sendable, CaseIterable {
    case ok
    case failed
    case invalid
}

/// The halts of a run's markets, from its step records: the first, and how many; and the steps on which a
/// dealer was insolvent (its equity at or below zero), which the model does not resolve: it has no dealer
/// default, so such a dealer sells what it holds and goes on. Both are reported, neither fails the run.
public struct RunHealth: Sendable {
    public let assets: [String]
    /// The first halt: its step, asset, the units left unmatched and the day's price move.
    public private(set) var first: (step: Int, asset: Int, residual: Double, move: Double)?
    /// Steps in which some market halted, and (market, step) halts in all.
    public private(set) var haltDays = 0
    public private(set) var halts = 0
    /// Steps on which some dealer's equity was zero or below, and the first.
    public private(set) var insolventDealerSteps = 0
    public private(set) var firstInsolvency: Int?

    public init(assets: [String]) { self.assets = assets }

    public mutating func observe(_ r: StepRecord) {
        if r.dealerEquityMin <= 0 {
            insolventDealerSteps += 1
            firstInsolvency = firstInsolvency ?? r.step
        }
        let markets = r.halted.reduce(0, +)
        guard markets > 0 else { return }
        haltDays += 1
        halts += markets
        if first == nil, let a = r.halted.firstIndex(where: { $0 > 0 }) {
            first = (r.step, a, r.residuals[a], exp(r.logReturns[a]) - 1)
        }
    }

    /// The dealers' insolvency on one line, for a warning; empty when every dealer stayed solvent.
    public var dealerMessage: String {
        guard let step = firstInsolvency else { return "" }
        return "a dealer's equity fell to zero or below at step \(step) (\(insolventDealerSteps) steps): the model has no "
            + "dealer default, so it sold what it held and went on"
    }

    /// Halts and insolvency on one line; empty when there were neither.
    public var summary: String { [message, dealerMessage].filter { !$0.isEmpty }.joined(separator: "; ") }

    /// The halts on one line, for a warning; empty when no market halted.
    public var message: String {
        guard let first else { return "" }
        let side = first.residual > 0 ? "demand" : "supply"
        return "market \(assets[first.asset]) halted at its daily limit at step \(first.step) "
            + "(a \(String(format: "%+.1f%%", 100 * first.move)) move, \(String(format: "%.3g", abs(first.residual))) units "
            + "of excess \(side) unmatched); markets halted on \(haltDays) days (\(halts) market-days)"
    }
}
