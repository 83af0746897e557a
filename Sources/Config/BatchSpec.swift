import Foundation

/// What a batch of runs is made of, from an experiment file's optional `replications`, `variants`,
/// `sweep` and `outputs` keys:
///
/// ```yaml
/// replications: 20                 # seeds per design point, derived from run.seed
/// variants:                        # counterfactuals, run on the same seeds as the experiment itself
///   no-boom: {events: []}          # replaces the experiment's events
///   qe-backstop: {set: {central_bank.qe_rate: 0.04}}
/// sweep:
///   design: grid                   # grid | latin_hypercube | sobol | saltelli
///   parameters:
///     money_fund.cash: [1540, 3040]          # grid: a list of values
///     leverage:                              # grid: a zipped group, its lists moved together
///       hedge_fund.value.max_leverage: [1, 3, 5]
///       hedge_fund.crypto.max_leverage: [1, 2, 3]
/// outputs: {tables: [timeseries, flows, events], every: 1, snapshot_every: 0}
/// ```
///
/// A latin_hypercube or sobol sweep gives `points:` and a range per key:
/// `{min: 1000, max: 10000, scale: log, integer: false}`. A saltelli sweep (for Sobol indices) gives
/// ranges and `points: N`, its base sample: it runs N (k + 2) points for k keys.
public struct BatchSpec: Sendable {
    public static let keys = ExperimentKeys.all.filter(\.batch).map(\.name)

    public var replications = 1
    /// Counterfactuals beyond the experiment itself (which runs as the variant `main`).
    public var variants: [Variant] = []
    public var sweep: Sweep?
    public var outputs = Outputs()

    public struct Variant: Sendable {
        public let name: String
        /// Applied after the experiment's own `set:` and the design point's values.
        public let overrides: [Override]
        /// Replaces the experiment's events when given (`events: []` removes them all).
        public let events: [ScenarioEvent]?
        public let location: SourceLocation
    }

    public enum Design: String, CaseIterable, Sendable {
        case grid
        case latinHypercube = "latin_hypercube"
        case sobol
        case saltelli
    }

    /// One swept configuration key, e.g. `money_fund.cash`.
    public struct Parameter: Sendable {
        public let key: String
        public var path: [String] { key.split(separator: ".").map(String.init) }
        public let location: SourceLocation
    }

    /// One axis of a design.
    public enum Factor: Sendable {
        /// Grid: the listed values of one key.
        case values(Parameter, [ConfigNode])
        /// Grid: several keys whose lists (of equal length) move together.
        case zipped(String, [(Parameter, [ConfigNode])])
        /// Latin hypercube or Sobol: a continuous range, on a linear or log scale, optionally whole numbers.
        case range(Parameter, min: Double, max: Double, log: Bool, integer: Bool)

        public var parameters: [Parameter] {
            switch self {
            case let .values(p, _), let .range(p, _, _, _, _): return [p]
            case let .zipped(_, group): return group.map(\.0)
            }
        }

        /// A range's value at `u` in [0, 1): linear or log between min and max, or the whole numbers in it
        /// taken in equal shares; nil for a list.
        public func value(at u: Double) -> Double? {
            guard case let .range(_, lo, hi, log, integer) = self else { return nil }
            if integer {
                let (a, b) = (lo.rounded(.up), hi.rounded(.down))
                return min(b, a + (u * (b - a + 1)).rounded(.down))
            }
            let x = log ? Foundation.exp(Foundation.log(lo) + u * (Foundation.log(hi) - Foundation.log(lo))) : lo + u * (hi - lo)
            return min(max(x, lo), hi)
        }
    }

    public struct Sweep: Sendable {
        public let design: Design
        /// Points drawn by latin_hypercube or sobol, N (k + 2) for saltelli's base sample N and k keys; a grid
        /// has the product of its list lengths.
        public let points: Int
        public let factors: [Factor]
        /// `seeds: shared`: replication r of every point runs on one seed (common random numbers across the
        /// design, so an output varies with the keys, not with the draws); `per_point` (the default) gives
        /// each point seeds of its own.
        public let sharedSeeds: Bool
        public var parameters: [Parameter] { factors.flatMap(\.parameters) }
    }

    public enum Table: String, CaseIterable, Sendable {
        case timeseries, flows, events
    }

    public struct Outputs: Sendable {
        /// Per-step tables written for every run (runs.csv, design.csv and summary.csv always are).
        public var tables: [Table] = Table.allCases
        /// Keep every k-th step (and the last) in timeseries.csv; flows.csv sums the k steps.
        public var every = 1
        /// Every k steps, each agent's balance sheet in snapshots.csv; 0 for none.
        public var snapshotEvery = 0
    }

    public init() {}

    /// Reads the batch keys of an experiment's top-level mapping (absent keys keep their defaults).
    static func read(_ settings: ConfigMapping) -> (spec: BatchSpec, errors: [ConfigError]) {
        var spec = BatchSpec()
        var p = BatchParser()
        if let n = settings["replications"] {
            spec.replications = p.integer(n, "replications", min: 1, max: 1_000_000) ?? 1
        }
        if let n = settings["variants"] { spec.variants = p.variants(n) }
        if let n = settings["sweep"] { spec.sweep = p.sweep(n) }
        if let n = settings["outputs"] { spec.outputs = p.outputs(n) }
        return (spec, p.errors)
    }
}
