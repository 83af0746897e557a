import Analysis
import Batch
import Config
import Foundation
import Simulation

extension Calibrator {
    /// What every evaluation shares: the market's assets, the seeds, and the resolved experiment's hash.
    struct Setup {
        let assets: [String]
        /// The assets with a yield, in the market's order.
        let bonds: [String]
        let seeds: [UInt64]
        let configHash: String
    }

    /// The time-series statistics of `analyze` a target may name, with the subjects each takes (`asset`: any
    /// asset, `bond`: a bond, `all`) and whether it has a lag (its flow metrics need flows.csv and are left out).
    public static let statistics: [(name: String, subjects: [String], lagged: Bool)] =
        AnalysisColumns.metrics.compactMap { name, meaning, _ in
            let subjects = ["asset", "bond", "all"].filter { meaning.hasPrefix("\($0):") || meaning.contains("; \($0):") }
            guard !subjects.isEmpty else { return nil }
            return (name, subjects, ["acf_return", "acf_abs_return", "forced_sales_acf"].contains(name))
        }

    /// The calibration file against its experiment: each target names a statistic of `analyze` on a subject
    /// it has, with a lag exactly when it needs one, within a quarter of the steps kept; the burn-in leaves
    /// steps to measure. Otherwise configuration errors, at the target or at the file.
    /// The same, for `drypowder validate`.
    public static func check(_ spec: CalibrationSpec) throws { _ = try validate(spec) }

    static func validate(_ spec: CalibrationSpec) throws -> Setup {
        let experiment = try Experiment.load(spec.experiment, overrides: spec.overrides)
        let rules = try Rules(experiment)
        let assets = rules.market.assets.map { $0.name }, kept = rules.run.steps - spec.burnIn
        let bonds = rules.market.assets.filter { $0.kind == .bond }.map { $0.name }
        var errors: [ConfigError] = []
        if kept < 8 {
            errors.append(ConfigError(spec.burnInLocation, "burn_in", "expected fewer than "
                                      + "run.steps - 7 (\(rules.run.steps - 7)) steps, found \(spec.burnIn)"))
        }
        for (i, t) in spec.targets.enumerated() {
            let key = "targets[\(i)]"
            guard let s = statistics.first(where: { $0.name == t.statistic }) else {
                let names = statistics.map(\.name).joined(separator: ", ")
                errors.append(ConfigError(t.location, "\(key).statistic",
                                          "\(t.statistic) is not a statistic of analyze (\(names))"))
                continue
            }
            if s.lagged != (t.lag != nil) {
                let why = t.lag == nil ? "missing key (\(t.statistic) needs a lag)" : "\(t.statistic) has no lag"
                errors.append(ConfigError(t.location, "\(key).lag", why))
            } else if let lag = t.lag, lag > kept / 4 {
                errors.append(ConfigError(t.location, "\(key).lag", "expected at most a quarter of the steps measured "
                                          + "(\(kept / 4)), found \(lag)"))
            }
            let subjects = s.subjects.flatMap { ["asset": assets, "bond": bonds, "all": ["all"]][$0]! }
            if !subjects.contains(t.subject) {
                errors.append(ConfigError(t.location, "\(key).subject",
                                          "\(t.statistic) is measured on \(subjects.joined(separator: ", ")), not \(t.subject)"))
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        let context = try BatchContext(experiment: experiment, masterSeed: rules.run.seed)
        let seeds = (1...spec.seeds).map { RunPlan.seed(master: rules.run.seed, point: 1, replication: $0) }
        return Setup(assets: assets, bonds: bonds, seeds: seeds, configHash: context.configHash)
    }
}
