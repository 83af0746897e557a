import Config
import Foundation
import Stochastics

extension DistributionSpec {
    /// One draw for one agent. A normal or lognormal is redrawn until it lies in `bound` (at most 1,000
    /// tries, then its mean, clamped), so a heterogeneous parameter can never leave its valid range.
    public func draw(_ stream: RandomStream, within bound: Bound = .any) -> Double {
        switch self {
        case let .fixed(x): return x
        case let .uniform(a, b): return a == b ? a : stream.uniform(a, b)
        case let .lognormal(mean, sd):
            guard sd > 0 else { return mean }
            let sigma2 = log(1 + sd * sd / (mean * mean))
            return Self.redrawn(mean: mean, within: bound) {
                stream.lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
            }
        case let .normal(mean, sd):
            return Self.redrawn(mean: mean, within: bound) { stream.gaussian(mean: mean, sd: sd) }
        }
    }

    private static func redrawn(mean: Double, within bound: Bound, _ draw: () -> Double) -> Double {
        for _ in 0..<1000 {
            let x = draw()
            if bound.contains(x) { return x }
        }
        return min(max(mean, bound.lowerLimit), bound.upperLimit)
    }
}
