import Foundation
import Output

/// The files of a sweep, in `--out DIR`:
/// - `plan.json`: what the directory is for (config hash, runs, shard), written first; `--resume` checks it;
/// - `design.csv`: the design, written before the first run;
/// - `parts/RUN_ID/`: one finished run's rows and a `manifest.json` with each file's digest, renamed into
///   place only when complete (the crash-safe record of what is done; a killed run leaves only a hidden
///   `.RUN_ID.partial-PID`, removed by the next `--resume`);
/// - `journal.log`: one line per finished run (`run_id status wall_seconds`), for people and tail -f;
/// - the tables, `summary.csv`, `timings.csv` and, last of all, `manifest.json`: a sweep is finished
///   exactly when `manifest.json` exists. The parts are removed once the tables are in place.
/// Every file is written through `Disk`: synced, renamed into place, its directory synced.
public struct SweepDirectory: Sendable {
    public let root: URL

    public init(_ path: String) { root = URL(fileURLWithPath: path, isDirectory: true) }

    public func path(_ file: String) -> String { root.appendingPathComponent(file).path }
    var parts: URL { root.appendingPathComponent("parts", isDirectory: true) }
    public var isFinished: Bool { FileManager.default.fileExists(atPath: path("manifest.json")) }

    /// A run's part while it is being written; `commit` renames it into place.
    struct Part {
        let staging: URL
        let final: URL
        func path(_ file: String) -> String { staging.appendingPathComponent(file).path }

        /// Writes the part's manifest: its tables' digests and the run's wall time (to 0.1 ms), which it
        /// returns as written, for the journal.
        func finish(tables: [(file: String, digest: TableDigest)], wallSeconds: Double) throws -> String {
            let wall = CSVWriter.format((wallSeconds * 1e4).rounded() / 1e4)
            let json = JSON.object([("wall_seconds", .string(wall)), ("tables", TableDigest.json(tables))])
            try Disk.write(Array((json.rendered() + "\n").utf8), to: path("manifest.json"))
            return wall
        }

        /// The part's files are synced (as they were closed) and its folder now; the rename into
        /// `parts/` is not: if a power cut undid it, `--resume` finds the partial folder abandoned,
        /// removes it and runs the run again. (One sync less per run: they cost throughput.)
        func commit() throws {
            try Disk.syncDirectory(staging.path)
            try Disk.remove(final.path)
            try Disk.rename(staging.path, to: final.path, durable: false)
        }
    }

    func part(_ id: Int) throws -> Part {
        let final = parts.appendingPathComponent(String(id), isDirectory: true)
        let staging = URL(fileURLWithPath: Disk.temporaryPath(for: final.path), isDirectory: true)
        try Disk.remove(staging.path)
        try Disk.makeDirectory(staging.path, durable: false)
        return Part(staging: staging, final: final)
    }

    func partFile(_ id: Int, _ file: String) -> String {
        parts.appendingPathComponent(String(id)).appendingPathComponent(file).path
    }

    /// A committed part's manifest: the digest of each of its files, and its wall time as written.
    func partManifest(_ id: Int) throws -> (tables: [String: TableDigest], wallSeconds: String) {
        let path = partFile(id, "manifest.json")
        let json: [String: Any]
        do { json = try ManifestFile.object(path) } catch let failure as ManifestFile.Failure {
            throw Sweep.Failure.damaged(failure.path, failure.why)
        }
        guard let wall = json["wall_seconds"] as? String, let tables = TableDigest.records(json["tables"]) else {
            throw Sweep.Failure.damaged(path, "lacks wall_seconds or the tables' digests")
        }
        return (tables, wall)
    }

    /// The runs whose parts were committed (finished, ok or not).
    func finishedRuns() -> Set<Int> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parts.path)) ?? []
        return Set(names.compactMap { Int($0) })
    }

    /// Checks every committed part's files against its manifest; a part damaged since it was written
    /// is refused, naming the file.
    func verifyParts() throws {
        for id in finishedRuns().sorted() {
            for (file, expected) in try partManifest(id).tables.sorted(by: { $0.key < $1.key }) {
                let path = partFile(id, file)
                guard FileManager.default.fileExists(atPath: path) else { throw Sweep.Failure.damaged(path, "is missing") }
                if let why = try TableDigest(file: path).mismatch(expected) {
                    throw Sweep.Failure.damaged(path, why + "; delete \(partFile(id, "")) to run it again")
                }
            }
        }
    }

    /// Entries of the sweep's own folder, of `parts/` and of `inputs/` that killed processes left behind:
    /// hidden partial files and parts, and Foundation's `.dat.nosync*` files of earlier versions.
    func abandonedTemporaries() -> [String] {
        let inputs = [SweepInputs.experiments, SweepInputs.agents].map(path)
        return ([root.path, parts.path] + inputs).flatMap { folder -> [String] in
            let nosync = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".dat.nosync") }
            return (Disk.leftovers(in: folder).filter(\.isAbandoned).map(\.entry) + nosync.sorted())
                .map { folder + "/" + $0 }
        }
    }

    /// Writes `text` to `file` atomically (a temporary sibling renamed into place).
    func writeAtomically(_ text: String, to file: String) throws {
        try Disk.replace(path(file), with: Array(text.utf8))
    }

    /// Appends one line to the journal. O_APPEND makes each short write land whole at the end, so
    /// lines from several threads never interleave. Not synced: the parts are the durable record.
    func journal(_ line: String) throws {
        let file = try Disk.File(creating: path("journal.log"), appending: true)
        try file.write(Array((line + "\n").utf8))
        try file.close(sync: false)
    }
}
