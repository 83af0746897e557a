import Config
import Foundation
import Simulation

/// What `drypowder plan` reports before a sweep: which runs a configuration error would stop, and
/// how large the tables will be, measured on a sample run of the first point.
public struct BatchPlan {
    public let context: BatchContext

    public init(_ context: BatchContext) { self.context = context }

    /// Runs whose point or variant the configuration rejects (they are recorded as invalid), with the error.
    public func invalidRuns() -> [(run: RunPlan.RunID, error: String)] {
        let plan = context.plan
        var out: [(RunPlan.RunID, String)] = []
        for point in 1...plan.points {
            for variant in plan.variants.indices {
                do { _ = try context.scenario(for: plan.run(plan.id(point: point, replication: 1, variant: variant))) } catch {
                    for r in 1...plan.replications {
                        out.append((plan.run(plan.id(point: point, replication: r, variant: variant)), "\(error)"))
                    }
                }
            }
        }
        return out.sorted { $0.0.id < $1.0.id }
    }

    /// Expected bytes of each table: one sample run of the first point, with at most 1,000 retail
    /// traders (the count changes no row count), times `runs` (times `valid` runs for the per-step tables).
    public func expectedBytes(runs: Int, valid: Int) throws -> [(file: String, bytes: Double)] {
        var overrides: [Override] = []
        if try Rules(context.experiment).retail.count > 1000 { overrides.append(try Override.parse(commandLine: "retail.count=1000")) }
        let sample = try BatchContext(experiment: context.experiment.applying(overrides), masterSeed: context.plan.masterSeed)
        let scratch = SweepDirectory(NSTemporaryDirectory() + "drypowder-plan-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        let part = try scratch.part(1)
        _ = try RunJob.execute(sample.plan.run(1), context: sample, into: part)
        return context.headers.map { file, header in
            let size = (try? FileManager.default.attributesOfItem(atPath: part.path(file))[.size] as? Int) ?? 0
            return (file, Double(header.joined(separator: ",").utf8.count + 2) + Double(size) * Double(file == "runs.csv" ? runs : valid))
        }
    }

    public static func format(_ bytes: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var x = bytes, u = 0
        while x >= 1000 && u < units.count - 1 { x /= 1000; u += 1 }
        return String(format: u == 0 ? "%.0f" : "%.1f", x) + " " + units[u]
    }
}
