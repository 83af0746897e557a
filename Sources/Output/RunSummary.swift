import Foundation
import Simulation

/// Headline figures of one run, accumulated step by step as records stream past.
public struct RunSummary: Sendable {
    public let assets: [String]
    public private(set) var steps = 0
    public private(set) var firstPrice: [Double] = []
    public private(set) var lastPrice: [Double] = []
    public private(set) var peak: [Double] = []
    /// Worst peak-to-trough fall so far (a negative fraction).
    public private(set) var maxDrawdown: [Double] = []
    public private(set) var worstDay: [Double] = []
    public private(set) var maxResidual: Double = 0
    public private(set) var maxAccountingError: Double = 0
    /// Retail liquidations: value over the run and the largest day's value.
    public private(set) var liquidationValue = 0.0
    public private(set) var peakLiquidationDay = 0.0
    /// Government bond yield and credit spread at the first and last step, and their highest.
    public private(set) var yield: (first: Double, last: Double, peak: Double) = (0, 0, 0)
    public private(set) var spread: (first: Double, last: Double, peak: Double) = (0, 0, 0)
    /// Whether every market cleared in every round.
    public private(set) var health: RunHealth

    public init(assets: [String]) { (self.assets, health) = (assets, RunHealth(assets: assets)) }

    public mutating func observe(_ r: StepRecord) {
        if steps == 0 {
            firstPrice = zip(r.prices, r.logReturns).map { $0 / exp($1) }
            peak = firstPrice
            maxDrawdown = Array(repeating: 0, count: assets.count)
            worstDay = Array(repeating: 0, count: assets.count)
        }
        if steps == 0 {
            yield = (r.governmentYield, r.governmentYield, r.governmentYield)
            spread = (r.creditSpread, r.creditSpread, r.creditSpread)
        }
        steps += 1
        lastPrice = r.prices
        (yield.last, spread.last) = (r.governmentYield, r.creditSpread)
        (yield.peak, spread.peak) = (max(yield.peak, r.governmentYield), max(spread.peak, r.creditSpread))
        liquidationValue += r.liquidationValue
        peakLiquidationDay = max(peakLiquidationDay, r.liquidationValue)
        for a in assets.indices {
            peak[a] = max(peak[a], r.prices[a])
            maxDrawdown[a] = min(maxDrawdown[a], r.prices[a] / peak[a] - 1)
            worstDay[a] = min(worstDay[a], exp(r.logReturns[a]) - 1)
        }
        maxResidual = max(maxResidual, r.residuals.map(abs).max() ?? 0)
        maxAccountingError = max(maxAccountingError, r.accountingError)
        health.observe(r)
    }

    /// A few lines for the terminal.
    public var text: String {
        func pct(_ x: Double) -> String { String(format: "%+.1f%%", 100 * x) }
        var lines = ["\(steps) steps"]
        for (a, name) in assets.enumerated() where !lastPrice.isEmpty {
            lines.append("  \(name): \(String(format: "%.2f", firstPrice[a])) -> \(String(format: "%.2f", lastPrice[a]))"
                + " (\(pct(lastPrice[a] / firstPrice[a] - 1))), peak-to-trough \(pct(maxDrawdown[a])), worst day \(pct(worstDay[a]))")
        }
        func bp(_ x: Double) -> String { String(format: "%+.0f bp", 1e4 * x) }
        lines.append("  liquidations \(String(format: "%.3g", liquidationValue)) $bn in all, \(String(format: "%.3g", peakLiquidationDay)) $bn on the worst day")
        lines.append("  government bond yield \(String(format: "%.2f%%", 100 * yield.first)) -> \(String(format: "%.2f%%", 100 * yield.last)) (\(bp(yield.last - yield.first))), "
            + "credit spread \(String(format: "%.2f%%", 100 * spread.first)) -> \(String(format: "%.2f%%", 100 * spread.last)) (\(bp(spread.last - spread.first)))")
        lines.append("  largest clearing residual \(String(format: "%.3g", maxResidual)) units, "
            + "largest accounting error \(String(format: "%.2g", maxAccountingError))")
        lines.append("  status ok" + (health.halts == 0 ? ", no market halted" : "; " + health.message)
            + (health.dealerMessage.isEmpty ? "" : "; " + health.dealerMessage))
        return lines.joined(separator: "\n")
    }
}
