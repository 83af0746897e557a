import Foundation
import Output
import Simulation

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
        /// What the shard's manifest records of each of its tables.
        let tables: [String: TableDigest]
        var index: Int { Int((plan["shard"] as? String ?? "").split(separator: "/").first ?? "") ?? 0 }
        var count: Int { Int((plan["shard"] as? String ?? "").split(separator: "/").last ?? "") ?? 0 }

        /// The digest the manifest records of `file`, or an error naming the file.
        func expected(_ file: String) throws -> TableDigest {
            guard let digest = tables[file] else { throw Failure.invalid("\(directory.path(file)) is not in its shard's manifest") }
            return digest
        }
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
        let tables = ((first.manifest["files"] as? [String]) ?? []).filter {
            $0.hasSuffix(".csv") && $0 != "design.csv" && $0 != "summary.csv" && $0 != "timings.csv"
        }
        let target = SweepDirectory(out)
        try checkTarget(target, own: ["plan.json", "design.csv", "summary.csv", SweepInputs.folder] + tables)
        let design = try Data(contentsOf: URL(fileURLWithPath: first.directory.path("design.csv")))
        for s in shards {
            let path = s.directory.path("design.csv"), data = try Data(contentsOf: URL(fileURLWithPath: path))
            var sum = Checksum()
            sum.add(Array(data))
            if let why = sum.digest.mismatch(try s.expected("design.csv")) { throw Failure.invalid("\(path) \(why)") }
            if data != design {
                throw Failure.invalid("\(path) differs from \(first.directory.root.path)'s")
            }
        }
        try Disk.makeDirectory(out)
        try SweepInputs.copy(from: first.directory, to: target)
        var digests = [("design.csv", try Assembly.writeTable(target.path("design.csv"), header: nil) { try $0.writeRaw(ArraySlice(design)) })]
        for file in tables {
            digests.append((file, try mergeTable(shards, file: file, into: target)))
        }
        let (summary, statuses) = try Assembly.summarize(target)
        digests.append(("summary.csv", summary))
        let runs = shards.reduce(0) { $0 + ($1.manifest["runs"] as? Int ?? 0) }
        // The plan of the whole sweep, as an unsharded run writes it.
        let plan = SweepPlanFile(experiment: first.plan["experiment"] as? String ?? "", configHash: hash,
                                 runsInPlan: first.plan["runs_in_plan"] as? Int ?? 0, shard: (1, 1), runs: runs)
        try target.writeAtomically(plan.text, to: "plan.json")
        let manifest = JSON.object([
            ("drypowder_version", .string(Manifest.version)),
            ("experiment", .string(first.manifest["experiment"] as? String ?? "")),
            ("config_hash", .string(hash)),
        ] + Self.provenance.map { key in (key, Self.shared(key, shards.map(\.manifest))) } + [
            ("merged_from", .array(shards.map { .string($0.directory.root.path) })),
            ("shard_manifests", .array(shards.map { .string($0.directory.path("manifest.json")) })),
            ("runs_in_plan", .number(Double(first.plan["runs_in_plan"] as? Int ?? 0))),
            ("runs", .number(Double(runs))),
        ] + RunStatus.counts(statuses, runs: runs) + [
            ("started_at", .string(ISO8601DateFormatter().string(from: started))),
            ("wall_time_seconds", .number((Date().timeIntervalSince(started) * 1000).rounded() / 1000)),
            ("files", .array((["plan.json", "design.csv"] + tables + ["summary.csv", "manifest.json"]).map(JSON.string))),
            ("tables", TableDigest.json(digests)),
        ])
        try target.writeAtomically(manifest.rendered() + "\n", to: "manifest.json")
        return runs
    }

    /// What a merged manifest carries over from its shards: where the experiment came from, the code and
    /// library that ran it, and how its seeds and streams were made.
    static let provenance = ["experiment_file", "git_commit", "master_seed", "generator", "gsl_version", "design", "seeds", "points",
                             "replications", "variants", "config"]

    /// The shards' value of `key` when they agree, else the list of their distinct values (shards built
    /// from other commits or GSL versions, say).
    static func shared(_ key: String, _ manifests: [[String: Any]]) -> JSON {
        var distinct: [JSON] = []
        for manifest in manifests {
            let value = JSON(parsed: manifest[key])
            if !distinct.contains(where: { $0.rendered() == value.rendered() }) { distinct.append(value) }
        }
        return distinct.count == 1 ? distinct[0] : .array(distinct)
    }

    /// `out` must be new, empty, or hold only what an unfinished merge into it wrote (a merge killed
    /// before its manifest is simply done again).
    private static func checkTarget(_ target: SweepDirectory, own: [String]) throws {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.root.path)) ?? []
        let abandoned = Set(Disk.leftovers(in: target.root.path).filter(\.isAbandoned).map(\.entry))
        let foreign = entries.filter { !abandoned.contains($0) && !own.contains($0) }
        guard foreign.isEmpty && !target.isFinished else {
            throw Failure.invalid("\(target.root.path) is not empty; merge into a new directory")
        }
        for entry in abandoned.sorted() { try Disk.remove(target.path(entry)) }
    }

    private static func load(_ path: String) throws -> Shard {
        let directory = SweepDirectory(path)
        guard directory.isFinished else {
            throw Failure.invalid("\(path) is not a finished sweep (no manifest.json): finish it with `drypowder sweep ... --resume` first")
        }
        do {
            let manifest = try ManifestFile.object(directory.path("manifest.json"))
            guard let tables = TableDigest.records(manifest["tables"]) else {
                throw Failure.invalid("\(directory.path("manifest.json")) records no table digests (written by an older drypowder?): its tables cannot be checked")
            }
            return Shard(directory: directory, plan: try ManifestFile.object(directory.path("plan.json")), manifest: manifest, tables: tables)
        } catch let failure as ManifestFile.Failure {
            throw Failure.invalid(failure.description)
        }
    }

    /// Merges the shards' `file`, each sorted by its leading run_id, into `target`, checking each
    /// against its manifest's digest; returns the merged table's digest.
    private static func mergeTable(_ shards: [Shard], file: String, into target: SweepDirectory) throws -> TableDigest {
        let readers = try shards.map { try LineReader(path: $0.directory.path(file)) }
        var heads = try readers.map { try $0.next() }
        guard let header = heads[0], heads.allSatisfy({ $0 == header }) else {
            throw Failure.invalid("the shards' \(file) headers differ")
        }
        heads = try readers.map { try $0.next() }
        return try Assembly.writeTable(target.path(file), header: nil) { out in
            try out.writeRaw(header)
            while true {
                var best: (reader: Int, id: Int)?
                for (i, head) in heads.enumerated() {
                    guard let head else { continue }
                    guard head.last == 10, let id = LineReader.leadingInteger(head) else {
                        throw Failure.invalid("\(readers[i].path):\(readers[i].lineNumber): not a whole row starting with a run_id (damaged?)")
                    }
                    if best == nil || id < best!.id { best = (i, id) }
                }
                guard let (i, _) = best else { break }
                try out.writeRaw(heads[i]!)
                heads[i] = try readers[i].next()
            }
            for (shard, reader) in zip(shards, readers) {
                if let why = reader.checksum.digest.mismatch(try shard.expected(file)) { throw Failure.invalid("\(reader.path) \(why)") }
            }
        }
    }
}
