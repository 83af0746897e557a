import Foundation
import Output
import Stochastics

/// plan.json: what a sweep directory is for. `--resume` continues only when the plan it would write
/// is identical, so a resumed sweep cannot mix configurations, seeds or shards.
struct SweepPlanFile {
    let text: String

    init(context: BatchContext, shard: (index: Int, count: Int), runs: Int) {
        text = JSON.object([
            ("experiment", .string(context.experiment.name)),
            ("config_hash", .string(context.configHash)),
            ("runs_in_plan", .number(Double(context.plan.count))),
            ("shard", .string("\(shard.index)/\(shard.count)")),
            ("runs_in_shard", .number(Double(runs))),
        ]).rendered() + "\n"
    }
}

/// manifest.json of a sweep (or of a merge of shards): what produced it and how long it took.
/// Written last: its presence marks a finished sweep.
struct SweepManifest {
    var context: BatchContext
    var shard: (index: Int, count: Int)
    var runs: Int
    var failed: Int
    var jobs: Int
    var startedAt: Date
    var wallSeconds: Double
    var files: [String]

    func write(to directory: SweepDirectory) throws {
        let json = JSON.object([
            ("drypowder_version", .string(Manifest.version)),
            ("git_commit", Manifest.gitCommit(near: context.experiment.path).map(JSON.string) ?? .null),
            ("experiment", .string(context.experiment.name)),
            ("experiment_file", .string(context.experiment.path)),
            ("config_hash", .string(context.configHash)),
            ("master_seed", .number(Double(context.plan.masterSeed))),
            ("generator", .string(context.generator)),
            ("gsl_version", .string(gslVersion)),
            ("host", .string(ProcessInfo.processInfo.hostName)),
            ("threads", .number(Double(jobs))),
            ("shard", .string("\(shard.index)/\(shard.count)")),
            ("points", .number(Double(context.plan.points))),
            ("replications", .number(Double(context.plan.replications))),
            ("variants", .array(context.plan.variants.map(JSON.string))),
            ("runs_in_plan", .number(Double(context.plan.count))),
            ("runs", .number(Double(runs))),
            ("runs_not_ok", .number(Double(failed))),
            ("started_at", .string(ISO8601DateFormatter().string(from: startedAt))),
            ("wall_time_seconds", .number((wallSeconds * 1000).rounded() / 1000)),
            ("runs_per_second", .number(wallSeconds > 0 ? (Double(runs) / wallSeconds * 1000).rounded() / 1000 : 0)),
            ("peak_resident_bytes", Self.peakResidentBytes().map { .number(Double($0)) } ?? .null),
            ("files", .array(files.map(JSON.string))),
        ])
        try directory.writeAtomically(json.rendered() + "\n", to: "manifest.json")
    }

    /// The process's peak resident memory so far (VmHWM of /proc/self/status; nil where there is none).
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb * 1024
    }
}
