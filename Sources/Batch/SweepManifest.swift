import Foundation
import Output
import Simulation
import Stochastics

/// plan.json: what a sweep directory is for. `--resume` continues only when the plan it would write
/// is identical, so a resumed sweep cannot mix configurations, seeds or shards.
struct SweepPlanFile {
    let text: String

    init(experiment: String, configHash: String, runsInPlan: Int, shard: (index: Int, count: Int), runs: Int) {
        text = JSON.object([
            ("experiment", .string(experiment)),
            ("config_hash", .string(configHash)),
            ("runs_in_plan", .number(Double(runsInPlan))),
            ("shard", .string("\(shard.index)/\(shard.count)")),
            ("runs_in_shard", .number(Double(runs))),
        ]).rendered() + "\n"
    }

    init(context: BatchContext, shard: (index: Int, count: Int), runs: Int) {
        self.init(experiment: context.experiment.name, configHash: context.configHash, runsInPlan: context.plan.count,
                  shard: shard, runs: runs)
    }
}

/// manifest.json of a sweep (or of a merge of shards): what produced it and how long it took.
/// Written last: its presence marks a finished sweep.
struct SweepManifest {
    var context: BatchContext
    var shard: (index: Int, count: Int)
    var runs: Int
    var statuses: [RunStatus: Int]
    var jobs: Int
    var startedAt: Date
    var wallSeconds: Double
    var files: [String]
    var tables: [(file: String, digest: TableDigest)]

    func write(to directory: SweepDirectory) throws {
        let json = JSON.object([
            ("drypowder_version", .string(Manifest.version)),
            ("git_commit", Manifest.gitCommit.map(JSON.string) ?? .null),
            ("experiment", .string(context.experiment.name)),
            ("experiment_file", .string(context.experiment.path)),
            ("config_hash", .string(context.configHash)),
            ("master_seed", .number(Double(context.plan.masterSeed))),
            ("generator", .string(context.generator)),
            ("gsl_version", .string(gslVersion)),
            ("host", .string(ProcessInfo.processInfo.hostName)),
            ("threads", .number(Double(jobs))),
            ("shard", .string("\(shard.index)/\(shard.count)")),
            ("design", .string(context.experiment.batch.sweep?.design.rawValue ?? "none")),
            ("seeds", .string(context.plan.sharedSeeds ? "shared" : "per_point")),
            ("points", .number(Double(context.plan.points))),
            ("replications", .number(Double(context.plan.replications))),
            ("variants", .array(context.plan.variants.map(JSON.string))),
            ("runs_in_plan", .number(Double(context.plan.count))),
            ("runs", .number(Double(runs))),
        ] + RunStatus.counts(statuses, runs: runs) + [
            ("started_at", .string(ISO8601DateFormatter().string(from: startedAt))),
            ("wall_time_seconds", .number((wallSeconds * 1000).rounded() / 1000)),
            ("runs_per_second", .number(wallSeconds > 0 ? (Double(runs) / wallSeconds * 1000).rounded() / 1000 : 0)),
            ("peak_resident_bytes", Manifest.peakResidentBytes().map { .number(Double($0)) } ?? .null),
            ("files", .array(files.map(JSON.string))),
            ("tables", TableDigest.json(tables)),
            ("config", context.fingerprint),
        ])
        try directory.writeAtomically(json.rendered() + "\n", to: "manifest.json")
    }
}

extension RunStatus {
    /// What a manifest records of `runs` runs' statuses: `runs_not_ok`, and `runs_by_status` with every
    /// status listed (0 where none).
    static func counts(_ counts: [RunStatus: Int], runs: Int) -> [(String, JSON)] {
        [("runs_not_ok", .number(Double(runs - counts[.ok, default: 0]))),
         ("runs_by_status", .object(allCases.map { ($0.rawValue, .number(Double(counts[$0, default: 0]))) }))]
    }
}
