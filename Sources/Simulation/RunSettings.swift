import Config
import Stochastics

/// The `run:` section of an experiment file.
public struct RunSettings: Sendable, Equatable {
    public var seed: UInt64
    public var steps: Int
    public var generator: Generator

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        seed = UInt64(r.integer("seed", "master seed; every random stream of the run derives from it",
                                unit: "", default: 1, .closed(0, 9_007_199_254_740_991)))
        steps = r.integer("steps", "trading days to simulate", unit: "steps", default: 252, .closed(1, 100_000))
        generator = r.choice("generator", "GSL generator algorithm (taus2 is fastest; mt19937 for comparison)",
                             default: Generator.taus2)
    }
}


