import Analysis
import Batch
import Config
import Dispatch
import Foundation
import Simulation
import Stochastics

/// The method of simulated moments on a calibration file (`CalibrationSpec`): the objective at a point is
/// the weighted squared distance of the simulated moments (means over `seeds` runs, on the same seeds at
/// every point: common random numbers) from their targets. The search evaluates the Sobol points of the
/// parameters' box, then runs GSL's Nelder-Mead from the best `starts` of them, in the box's unit
/// coordinates (a point outside it is evaluated at its edge). Every evaluation is appended to the trace as
/// it ends; a resumed calibration reads the trace back and replays the same, deterministic search without
/// running what it holds.
public final class Calibration {
    public struct Evaluation: Sendable {
        public let values: [Double]
        /// Per target, its value in each run (NaN when a run lacks it).
        public let moments: [[Double]]
        public let objective: Double
        /// ok, or why the objective is missing (a run that failed, a moment a run lacks).
        public let status: String
    }

    public let spec: CalibrationSpec
    public let keys: [String]
    let seeds: [UInt64]
    let assets: [String]
    let jobs: Int
    private var cache: [String: Evaluation] = [:]
    public private(set) var evaluations: [(stage: String, evaluation: Evaluation)] = []
    private let trace: TraceFile
    /// Called after each evaluation that ran (not one read back from the trace).
    public var progress: ((Int, String, Evaluation) -> Void)?

    public init(_ spec: CalibrationSpec, trace path: String, resume: Bool, jobs: Int) throws {
        self.spec = spec
        keys = spec.parameters.flatMap(\.parameters).map(\.key)
        let experiment = try Experiment.load(spec.experiment, overrides: spec.overrides)
        let rules = try Rules(experiment)
        assets = rules.market.assets.map { $0.name }
        seeds = (1...spec.seeds).map { RunPlan.seed(master: rules.run.seed, point: 1, replication: $0) }
        try Self.check(spec.targets, assets: assets)
        self.jobs = max(jobs, 1)
        trace = try TraceFile(path, header: ["evaluation", "stage"] + keys + ["objective", "status"], resume: resume)
        if resume { try readBack() }
    }

    /// The time-series statistics of `analyze` a target may name (its flow metrics need flows.csv).
    public static let statistics = Array(AnalysisColumns.metrics.map(\.0).prefix { $0 != "net_value" })

    /// Each target names a statistic of `analyze` on an asset of the market (or `all`), with a lag when it is
    /// an autocorrelation: otherwise a configuration error at the target.
    static func check(_ targets: [CalibrationSpec.Target], assets: [String]) throws(ConfigErrors) {
        var errors: [ConfigError] = []
        for (i, t) in targets.enumerated() {
            let key = "targets[\(i)]"
            if !statistics.contains(t.statistic) {
                errors.append(ConfigError(t.location, "\(key).statistic",
                                          "\(t.statistic) is not a statistic of analyze (\(statistics.joined(separator: ", ")))"))
            } else if t.statistic.hasPrefix("acf_") != (t.lag != nil) {
                errors.append(ConfigError(t.location, "\(key).lag", t.lag == nil ? "missing key (\(t.statistic) needs a lag)"
                                          : "\(t.statistic) has no lag"))
            }
            if !(assets + ["all"]).contains(t.subject) {
                errors.append(ConfigError(t.location, "\(key).subject",
                                          "\(t.subject) is not an asset of the market (\(assets.joined(separator: ", "))) or all"))
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
    }

    /// The search: the Sobol stage, then Nelder-Mead from its best points. Returns the best evaluation.
    public func run() throws -> Evaluation {
        let k = keys.count
        let sobol = try SobolSequence(dimensions: k)
        _ = try sobol.next()  // (0.5, ..., 0.5): the box's centre, which Nelder-Mead may reach anyway
        var global: [([Double], Evaluation)] = []
        for _ in 0..<spec.search.points {
            let u = try sobol.next()
            global.append((u, try evaluate(u, stage: "global")))
        }
        let starts = global.sorted { $0.1.objective < $1.1.objective }.prefix(spec.search.starts)
        for (s, start) in starts.enumerated() { try descend(from: start.0, stage: "start \(s + 1)") }
        guard let best = evaluations.map(\.evaluation).filter({ $0.objective.isFinite }).min(by: { $0.objective < $1.objective })
        else { throw CalibrationFailure("no point of the search gave every moment: see the trace's status column") }
        return best
    }

    /// Nelder-Mead from `start` in unit coordinates, until the simplex is small or the budget is spent
    /// (the best point so far stands either way). A simulation that throws stops the calibration.
    private func descend(from start: [Double], stage: String) throws {
        let box = FailureBox()
        let outcome = Result { () throws(MinimizationError) -> Minimum in
            try NelderMead.minimize(start: start, steps: Array(repeating: 0.1, count: start.count), sizeTolerance: 1e-3,
                                    maxIterations: spec.search.iterations) { u in
                do {
                    let e = try self.evaluate(u, stage: stage)
                    return e.objective.isFinite ? e.objective : 1e30
                } catch {
                    box.error = box.error ?? error
                    return 1e30
                }
            }
        }
        if let error = box.error { throw error }
        if case let .failure(error) = outcome, case .noConvergence = error {} else if case let .failure(error) = outcome {
            throw CalibrationFailure("Nelder-Mead from start \(stage): \(error)")
        }
    }

    /// The parameters' values at unit coordinates `u` (clamped into the box).
    public func values(_ u: [Double]) -> [Double] {
        zip(spec.parameters, u).map { factor, x in factor.value(at: min(max(x, 0), 1 - 1e-12))! }
    }

    func evaluate(_ u: [Double], stage: String) throws -> Evaluation {
        let values = values(u)
        let key = values.map(Self.text).joined(separator: ",")
        if let known = cache[key] {
            return known
        }
        let evaluation = try simulate(values)
        cache[key] = evaluation
        evaluations.append((stage, evaluation))
        try trace.append([String(evaluations.count), stage] + values.map(Self.text)
                         + [evaluation.objective.isFinite ? Self.text(evaluation.objective) : "", evaluation.status])
        progress?(evaluations.count, stage, evaluation)
        return evaluation
    }

    /// The moments at `values`, one run per seed, `jobs` at a time.
    func simulate(_ values: [Double]) throws -> Evaluation {
        let overrides = spec.overrides + zip(spec.parameters.flatMap(\.parameters), values).map { p, x in
            Override(path: p.path, value: ConfigNode(.scalar(Self.text(x), quoted: false), at: p.location), location: p.location)
        }
        let scenario = try Scenario(try Experiment.load(spec.experiment, overrides: overrides))
        let results = Results(count: seeds.count)
        let settings = AnalysisSettings(maxLag: max(spec.targets.compactMap(\.lag).max() ?? 1, 1), burnIn: spec.burnIn)
        let queue = DispatchQueue(label: "calibration", attributes: .concurrent), group = DispatchGroup()
        let slots = DispatchSemaphore(value: jobs)
        for (i, seed) in seeds.enumerated() {
            slots.wait()
            queue.async(group: group) { [assets, targets = spec.targets] in
                defer { slots.signal() }
                var series = RecordStatistics(assets: assets)
                do {
                    try Run.execute(scenario, seed: seed) { series.add($0) }
                    let stats = series.statistics(settings)
                    results.set(i, .success(targets.map { t in
                        stats.first { $0.subject == t.subject && $0.name == t.statistic && $0.lag == t.lag }?.value ?? .nan
                    }))
                } catch {
                    results.set(i, .failure(error))
                }
            }
        }
        group.wait()
        var moments = spec.targets.map { _ in [Double]() }, status = "ok"
        for (i, result) in results.all.enumerated() {
            switch result {
            case let .success(values): for t in values.indices { moments[t].append(values[t]) }
            case let .failure(error):
                status = "run on seed \(seeds[i]) failed: \(error)"
                for t in moments.indices { moments[t].append(.nan) }
            }
        }
        if status == "ok", let t = moments.firstIndex(where: { $0.contains { !$0.isFinite } }) {
            status = "a run lacks \(spec.targets[t].name)"
        }
        let objective = status == "ok"
            ? zip(spec.targets, moments).reduce(0) { $0 + $1.0.weight * pow(Statistics.mean($1.1) - $1.0.value, 2) } : .infinity
        return Evaluation(values: values, moments: moments, objective: objective, status: status)
    }

    /// The trace's rows as evaluations known without running them.
    private func readBack() throws {
        for row in trace.rows {
            let values = row[2..<(2 + keys.count)].compactMap(Double.init)
            let objective = Double(row[2 + keys.count]) ?? .infinity
            let known = Evaluation(values: values, moments: [], objective: objective, status: row[3 + keys.count])
            cache[values.map(Self.text).joined(separator: ",")] = known
            evaluations.append((row[1], known))
        }
    }

    /// Moments at the best point: rerun (a point read back from a trace has no moments).
    public func fit(_ best: Evaluation) throws -> Evaluation {
        best.moments.isEmpty ? try simulate(best.values) : best
    }

    static func text(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : x.description
    }
}

public struct CalibrationFailure: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The first error a Nelder-Mead objective met (its closure cannot throw).
private final class FailureBox { var error: Error? }

/// Results of one evaluation's runs, written from the worker threads.
private final class Results: @unchecked Sendable {
    private var values: [Result<[Double], Error>?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ result: Result<[Double], Error>) { lock.withLock { values[i] = result } }
    var all: [Result<[Double], Error>] { lock.withLock { values.map { $0! } } }
}
