import Analysis
import Batch
import Config
import Foundation
import Output
import Simulation
import Stochastics

/// The method of simulated moments on a calibration file (`CalibrationSpec`): the objective at a point is
/// the weighted squared distance of the simulated moments (means over `seeds` runs, on the same seeds at
/// every point: common random numbers) from their targets. The search evaluates the Sobol points of the
/// parameters' box (all at once, every core busy), then runs GSL's Nelder-Mead from the best `starts` of
/// them, in the box's unit coordinates (a point outside it is evaluated at its edge). Every evaluation is
/// appended to the trace as it ends; a resumed calibration reads the trace back and replays the same,
/// deterministic search without running what it holds.
public final class Calibrator {
    public struct Evaluation: Sendable {
        public let values: [Double]
        /// Per target, its value in each run (NaN when a run lacks it).
        public let moments: [[Double]]
        /// Infinite when `status` is not ok.
        public let objective: Double
        /// ok, or why the objective is missing (an invalid point, a run that failed, a moment a run lacks).
        public let status: String
    }

    public let spec: CalibrationSpec
    public let keys: [String]
    let setup: Setup
    let jobs: Int
    private var cache: [String: Evaluation] = [:]
    public private(set) var evaluations: [(stage: String, evaluation: Evaluation)] = []
    private let trace: TraceFile
    /// Called after each evaluation that ran (not one read back from the trace).
    public var progress: ((Int, String, Evaluation) -> Void)?

    public init(_ spec: CalibrationSpec, trace path: String, resume: Bool, jobs: Int) throws {
        self.spec = spec
        keys = spec.parameters.flatMap(\.parameters).map(\.key)
        setup = try Self.validate(spec)
        self.jobs = max(jobs, 1)
        // What decides an evaluation's result (not the search's budget, which a resumed calibration may raise).
        let ranges = spec.parameters.map { f -> String in
            guard case let .range(p, lo, hi, log, integer) = f else { return "" }
            return "\(p.key) \(lo) \(hi) \(log) \(integer)"
        }
        let targets = spec.targets.map { "\($0.name) \($0.value) \($0.weight)" }
        let fingerprint = BatchContext.hash(.array((ranges + targets + ["\(spec.seeds) \(spec.burnIn)", setup.configHash])
            .map { .string($0) }))
        trace = try TraceFile(path, header: ["evaluation", "stage"] + keys + ["objective", "status"],
                              fingerprint: fingerprint, resume: resume)
        for row in trace.rows {
            let values = row[2..<(2 + keys.count)].compactMap(Double.init)
            let known = Evaluation(values: values, moments: [], objective: Double(row[2 + keys.count]) ?? .infinity,
                                   status: row[3 + keys.count])
            cache[Self.key(values)] = known
            evaluations.append((row[1], known))
        }
    }

    /// The search: the Sobol stage, then Nelder-Mead from its best points. Returns the best evaluation.
    public func run() throws -> Evaluation {
        let sobol = try SobolSequence(dimensions: keys.count)
        _ = try sobol.next()  // (0.5, ..., 0.5): the box's centre
        let points = try (0..<spec.search.points).map { _ in try sobol.next() }
        let global = try evaluate(points, stage: "global")
        let order = global.indices.sorted { global[$0].objective < global[$1].objective }
        for (s, i) in order.prefix(spec.search.starts).enumerated() { try descend(from: points[i], stage: "start \(s + 1)") }
        let ok = evaluations.map(\.evaluation).filter { $0.objective.isFinite }
        guard let best = ok.min(by: { $0.objective < $1.objective }) else {
            throw CalibrationFailure("no point of the search gave every moment: see the trace's status column")
        }
        return best
    }

    /// Nelder-Mead from `start` in unit coordinates, until the simplex is small or the budget is spent
    /// (the best point so far stands either way). A simulation that throws stops the calibration.
    private func descend(from start: [Double], stage: String) throws {
        let box = FailureBox()
        let outcome = Result { () throws(MinimizationError) -> Minimum in
            try NelderMead.minimize(start: start, steps: start.map { _ in 0.1 }, sizeTolerance: 1e-3,
                                    maxIterations: spec.search.iterations) { u in
                do {
                    let e = try self.evaluate([u], stage: stage)[0]
                    return e.objective.isFinite ? e.objective : 1e30
                } catch {
                    box.error = box.error ?? error
                    return 1e30
                }
            }
        }
        if let error = box.error { throw error }
        if case let .failure(error) = outcome {
            if case .noConvergence = error { return }
            throw CalibrationFailure("Nelder-Mead from \(stage): \(error)")
        }
    }

    /// The parameters' values at unit coordinates `u` (clamped into the box).
    public func values(_ u: [Double]) -> [Double] {
        zip(spec.parameters, u).map { factor, x in factor.value(at: min(max(x, 0), 1 - 1e-12))! }
    }

    /// The evaluations at unit points `us`, those not known yet simulated together, each appended to the trace.
    func evaluate(_ us: [[Double]], stage: String) throws -> [Evaluation] {
        let values = us.map(values)
        var fresh: [[Double]] = []
        for v in values where cache[Self.key(v)] == nil && !fresh.contains(v) { fresh.append(v) }
        for evaluation in try simulate(fresh) {
            cache[Self.key(evaluation.values)] = evaluation
            evaluations.append((stage, evaluation))
            try trace.append([String(evaluations.count), stage] + evaluation.values.map(CSVWriter.format)
                             + [evaluation.objective.isFinite ? CSVWriter.format(evaluation.objective) : "", evaluation.status])
            progress?(evaluations.count, stage, evaluation)
        }
        return values.map { cache[Self.key($0)]! }
    }

    /// The moments at each point of `points`, one run per point and seed, `jobs` runs at a time.
    func simulate(_ points: [[Double]]) throws -> [Evaluation] {
        let scenarios = points.map { values -> Result<Scenario, Error> in
            let overrides = spec.overrides + zip(spec.parameters.flatMap(\.parameters), values).map { p, x in
                Override(path: p.path, value: ConfigNode(.scalar(Self.text(x), quoted: false), at: p.location),
                         location: p.location)
            }
            return Result { try Scenario(try Experiment.load(spec.experiment, overrides: overrides)) }
        }
        let seeds = setup.seeds, targets = spec.targets, jobs = jobs, assets = setup.assets, bonds = setup.bonds
        let settings = AnalysisSettings(maxLag: max(targets.compactMap(\.lag).max() ?? 1, 1), burnIn: spec.burnIn)
        let runs = MomentRuns(points: points.count, seeds: seeds.count)
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            for task in stride(from: worker, to: points.count * seeds.count, by: jobs) {
                let (p, s) = task.quotientAndRemainder(dividingBy: seeds.count)
                guard case let .success(scenario) = scenarios[p] else { continue }
                var series = RecordStatistics(assets: assets, bonds: bonds)
                runs.set(p, s, Result {
                    try Run.execute(scenario, seed: seeds[s]) { series.add($0) }
                    let stats = series.statistics(settings)
                    return targets.map { t in
                        stats.first { $0.subject == t.subject && $0.name == t.statistic && $0.lag == t.lag }?.value ?? .nan
                    }
                })
            }
        }
        return points.indices.map { p in
            if case let .failure(error) = scenarios[p] {
                return Evaluation(values: points[p], moments: [], objective: .infinity, status: "invalid: \(error)")
            }
            return evaluation(points[p], runs.results(p))
        }
    }

    private func evaluation(_ values: [Double], _ results: [Result<[Double], Error>]) -> Evaluation {
        var moments = spec.targets.map { _ in [Double]() }, status = "ok"
        for (s, result) in results.enumerated() {
            switch result {
            case let .success(xs): for t in xs.indices { moments[t].append(xs[t]) }
            case let .failure(error):
                if status == "ok" { status = "run on seed \(setup.seeds[s]) failed: \(error)" }
                for t in moments.indices { moments[t].append(.nan) }
            }
        }
        if status == "ok", let t = moments.firstIndex(where: { $0.contains { !$0.isFinite } }) {
            status = "a run lacks \(spec.targets[t].name)"
        }
        let objective = status != "ok" ? .infinity : zip(spec.targets, moments).reduce(0) {
            $0 + $1.0.weight * pow(Statistics.mean($1.1) - $1.0.value, 2)
        }
        return Evaluation(values: values, moments: moments, objective: objective, status: status)
    }

    /// Moments at the best point: run again when it was read back from a trace (which keeps none).
    public func fit(_ best: Evaluation) throws -> Evaluation {
        best.moments.isEmpty ? try simulate([best.values])[0] : best
    }

    static func key(_ values: [Double]) -> String { values.map(text).joined(separator: ",") }

    /// A value as a configuration file holds it (whole numbers without a fraction, for integer keys).
    static func text(_ x: Double) -> String { Bound.format(x) }
}

/// The first error a Nelder-Mead objective met (its closure cannot throw).
private final class FailureBox { var error: Error? }

/// The results of a batch of runs, one per point and seed, written from the worker threads.
private final class MomentRuns: @unchecked Sendable {
    private var values: [[Result<[Double], Error>]]
    private let lock = NSLock()

    init(points: Int, seeds: Int) {
        values = Array(repeating: Array(repeating: .failure(CalibrationFailure("not run")), count: seeds), count: points)
    }

    func set(_ p: Int, _ s: Int, _ result: Result<[Double], Error>) { lock.withLock { values[p][s] = result } }
    func results(_ p: Int) -> [Result<[Double], Error>] { lock.withLock { values[p] } }
}
