import Foundation
import Output

/// `drypowder merge`: the finished shards of one sweep into one directory whose tables are
/// byte-identical to those of the same sweep run unsharded. Each shard's tables are sorted by run_id
/// and the shards hold disjoint runs, so a k-way merge on the leading run_id streams them together.
public enum Merge {
    public enum Failure: Error, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self { case let .invalid(why): return why }
        }
    }

    struct Shard {
        let directory: SweepDirectory
        let plan: [String: Any]
        let manifest: [String: Any]
        var index: Int { Int((plan["shard"] as? String ?? "").split(separator: "/").first ?? "") ?? 0 }
        var count: Int { Int((plan["shard"] as? String ?? "").split(separator: "/").last ?? "") ?? 0 }
    }

    /// Returns the number of runs merged.
    public static func merge(_ paths: [String], into out: String) throws -> Int {
        let started = Date()
        let shards = try paths.map(load).sorted { $0.index < $1.index }
        let first = shards[0]
        let hash = first.plan["config_hash"] as? String ?? ""
        for s in shards where s.plan["config_hash"] as? String != hash || s.count != first.count {
            throw Failure.invalid("\(s.directory.root.path) is a shard of another sweep (config hash or shard count differs from \(first.directory.root.path))")
        }
        let indices = shards.map(\.index)
        let missing = (1...max(first.count, 1)).filter { !indices.contains($0) }
        guard missing.isEmpty, Set(indices).count == indices.count else {
            throw Failure.invalid("expected shards 1 to \(first.count) once each; " + (missing.isEmpty ? "a shard is given twice" : "missing: \(missing.map(String.init).joined(separator: ", "))"))
        }
        let target = SweepDirectory(out)
        let fm = FileManager.default
        if let entries = try? fm.contentsOfDirectory(atPath: out), !entries.isEmpty {
            throw Failure.invalid("\(out) is not empty; merge into a new directory")
        }
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        let design = try Data(contentsOf: URL(fileURLWithPath: first.directory.path("design.csv")))
        for s in shards where try Data(contentsOf: URL(fileURLWithPath: s.directory.path("design.csv"))) != design {
            throw Failure.invalid("\(s.directory.root.path)/design.csv differs from \(first.directory.root.path)'s")
        }
        try design.write(to: URL(fileURLWithPath: target.path("design.csv")), options: .atomic)
        let tables = ((first.manifest["files"] as? [String]) ?? []).filter {
            $0.hasSuffix(".csv") && $0 != "design.csv" && $0 != "summary.csv"
        }
        for file in tables {
            try mergeTable(shards.map { $0.directory.path(file) }, into: target, file: file)
        }
        let notOK = try Assembly.summarize(target)
        let runs = shards.reduce(0) { $0 + ($1.manifest["runs"] as? Int ?? 0) }
        // The plan of the whole sweep, as an unsharded run writes it.
        let plan = SweepPlanFile(experiment: first.plan["experiment"] as? String ?? "", configHash: hash,
                                 runsInPlan: first.plan["runs_in_plan"] as? Int ?? 0, shard: (1, 1), runs: runs)
        try target.writeAtomically(plan.text, to: "plan.json")
        let manifest = JSON.object([
            ("drypowder_version", .string(Manifest.version)),
            ("experiment", .string(first.manifest["experiment"] as? String ?? "")),
            ("config_hash", .string(hash)),
            ("merged_from", .array(shards.map { .string($0.directory.root.path) })),
            ("shard_manifests", .array(shards.map { .string($0.directory.path("manifest.json")) })),
            ("runs_in_plan", .number(Double(first.plan["runs_in_plan"] as? Int ?? 0))),
            ("runs", .number(Double(runs))),
            ("runs_not_ok", .number(Double(notOK))),
            ("started_at", .string(ISO8601DateFormatter().string(from: started))),
            ("wall_time_seconds", .number((Date().timeIntervalSince(started) * 1000).rounded() / 1000)),
            ("files", .array((["plan.json", "design.csv"] + tables + ["summary.csv", "manifest.json"]).map(JSON.string))),
        ])
        try target.writeAtomically(manifest.rendered() + "\n", to: "manifest.json")
        return runs
    }

    private static func load(_ path: String) throws -> Shard {
        let directory = SweepDirectory(path)
        guard directory.isFinished else {
            throw Failure.invalid("\(path) is not a finished sweep (no manifest.json): finish it with `drypowder sweep ... --resume` first")
        }
        func object(_ file: String) throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory.path(file)))
            guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw Failure.invalid("\(directory.path(file)) is not a JSON object")
            }
            return json
        }
        return Shard(directory: directory, plan: try object("plan.json"), manifest: try object("manifest.json"))
    }

    /// Merges tables sorted by their leading run_id into `file` of `target`.
    private static func mergeTable(_ inputs: [String], into target: SweepDirectory, file: String) throws {
        let readers = try inputs.map(LineReader.init(path:))
        var heads = try readers.map { try $0.next() }
        guard let header = heads[0], heads.allSatisfy({ $0 == header }) else {
            throw Failure.invalid("the shards' \(file) headers differ")
        }
        heads = try readers.map { try $0.next() }
        let temporary = target.path(".\(file).partial")
        _ = FileManager.default.createFile(atPath: temporary, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        var buffer = Array(header)
        while true {
            var best: (reader: Int, id: Int)?
            for (i, head) in heads.enumerated() {
                guard let head, let id = LineReader.leadingInteger(head) else { continue }
                if best == nil || id < best!.id { best = (i, id) }
            }
            guard let (i, _) = best else { break }
            buffer += heads[i]!
            heads[i] = try readers[i].next()
            if buffer.count >= 1 << 20 {
                try out.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try out.write(contentsOf: buffer)
        try out.close()
        try Assembly.replace(target.path(file), with: temporary)
    }
}
