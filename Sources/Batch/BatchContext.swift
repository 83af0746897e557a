import Config
import Economy
import Output
import Simulation

/// What every run of a batch shares: the experiment, its plan and design, and the tables to write.
public struct BatchContext: Sendable {
    public let experiment: Experiment
    public let plan: RunPlan
    public let design: Design
    /// Assets of the experiment's market (a variant or point may not change them).
    public let assets: [String]
    /// The GSL generator every run uses.
    public let generator: String
    /// The headers of the per-run tables, by file name, runs.csv first.
    public let headers: [(file: String, header: [String])]
    /// For each number of a timeseries.csv row: whether its column holds whole numbers.
    let timeseriesWholeNumbers: [Bool]
    /// FNV-1a (64-bit) of the `fingerprint`'s text, in hex: equal hashes, equal results.
    public private(set) var configHash = ""
    private let scenarios: ScenarioCache

    public init(experiment: Experiment, masterSeed: UInt64) throws {
        let batch = experiment.batch
        self.experiment = experiment
        design = try Design(batch.sweep, masterSeed: masterSeed)
        plan = RunPlan(points: design.count, replications: batch.replications, variants: batch.variants.map(\.name),
                       masterSeed: masterSeed, sharedSeeds: batch.sweep?.sharedSeeds ?? false)
        let rules = try Rules(experiment)
        let market = rules.market.assets
        generator = rules.run.generator.rawValue
        assets = market.map(\.name)
        headers = Self.headers(outputs: batch.outputs, keys: design.parameters.map(\.key), market: market)
        timeseriesWholeNumbers = TimeseriesColumns.wholeNumbers(assets: market)
        scenarios = ScenarioCache(variants: plan.variants.count)
        try checkKeysAndVariants()
        configHash = Self.hash(fingerprint)
    }

    /// Errors that would spoil every run are configuration errors now: a swept key that does not
    /// exist, a variant that is invalid on the experiment itself. (A bad value at one point is not:
    /// that run is recorded as invalid and the others go on.)
    private func checkKeysAndVariants() throws(ConfigErrors) {
        _ = try experiment.applying(design.overrides(at: 1))
        for variant in experiment.batch.variants { try checkAssets(Scenario(Self.applying(variant, to: experiment)), variant) }
    }

    /// Sweep values are scalars, so only a variant's set: can replace the market's assets; runs must share them.
    private func checkAssets(_ scenario: Scenario, _ variant: BatchSpec.Variant?) throws(ConfigErrors) {
        guard scenario.base.market.assets.map(\.name) != assets else { return }
        throw ConfigErrors([ConfigError(variant?.location ?? SourceLocation(file: experiment.path, line: 0),
                                        "variants.\(variant?.name ?? "main").set", "a variant may not change the market's assets")])
    }

    /// `experiment` with a variant's overrides applied and its events, if it gives any, in place of the experiment's.
    private static func applying(_ variant: BatchSpec.Variant, to experiment: Experiment) throws(ConfigErrors) -> Experiment {
        let resolved = try experiment.applying(variant.overrides)
        return variant.events.map(resolved.replacingEvents) ?? resolved
    }

    public var outputs: BatchSpec.Outputs { experiment.batch.outputs }
    public var keys: [String] { design.parameters.map(\.key) }

    private static func headers(outputs: BatchSpec.Outputs, keys: [String], market: [AssetSpec]) -> [(file: String, header: [String])] {
        let identity = BatchColumns.identity.map(\.name)
        var out = [("runs.csv", BatchColumns.header(BatchColumns.runs, keys: keys, assets: market.map(\.name)))]
        for table in outputs.tables {
            switch table {
            case .timeseries: out.append(("timeseries.csv", identity + TimeseriesColumns.header(assets: market)))
            case .flows: out.append(("flows.csv", identity + FlowColumns.header))
            case .events: out.append(("events.csv", BatchColumns.events.map(\.name)))
            }
        }
        if outputs.snapshotEvery > 0 { out.append(("snapshots.csv", BatchColumns.snapshots.map(\.name))) }
        return out
    }

    /// The configuration of one run: the experiment at its design point, then its variant.
    func scenario(for run: RunPlan.RunID) throws(ConfigErrors) -> Scenario {
        try scenarios.scenario(point: run.point, variant: run.variant) { () throws(ConfigErrors) in try build(run) }
    }

    private func build(_ run: RunPlan.RunID) throws(ConfigErrors) -> Scenario {
        var resolved = try experiment.applying(design.overrides(at: run.point))
        let variant = run.variant > 0 ? experiment.batch.variants[run.variant - 1] : nil
        if let variant { resolved = try Self.applying(variant, to: resolved) }
        let scenario = try Scenario(resolved)
        try checkAssets(scenario, variant)
        return scenario
    }
}
