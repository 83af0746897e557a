import Config
import Stochastics

/// The `run:` section of an experiment file.
public struct RunSettings: Sendable, Equatable {
    /// A master seed as `--seed` gives it: an integer in [0, 2^53 - 1], the range of `run.seed`.
    public static func seed(_ text: String) -> UInt64? {
        guard let x = UInt64(text), Double(x) <= Bound.largestExactInteger else { return nil }
        return x
    }

    public var seed: UInt64
    public var steps: Int
    public var generator: Generator

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        seed = UInt64(r.integer("seed", "master seed; every random stream of the run derives from it",
                                unit: "", .closed(0, Bound.largestExactInteger)))
        steps = r.integer("steps", "trading days to simulate", unit: "steps", .closed(1, 100_000))
        generator = r.choice("generator", "GSL generator algorithm (taus2 is fastest; mt19937 for comparison)")
    }
}


