import Foundation
import Output
import Simulation

/// Turns a sweep directory's parts into its tables: each table is its header followed by every
/// run's rows in run_id order, written under a temporary name, synced and renamed into place, so a
/// table either is complete or is not there. Each part is checked against its manifest on the way.
enum Assembly {
    /// The design, one row per point.
    static func writeDesign(_ context: BatchContext, to directory: SweepDirectory) throws {
        try writeTable(directory.path("design.csv"), header: BatchColumns.header(BatchColumns.design, keys: context.keys, assets: [])) { out in
            for p in 1...context.design.count { try out.writeRow([String(p)] + context.design.values(at: p)) }
        }
    }

    /// Every file a finished sweep directory holds.
    static func files(_ headers: [(file: String, header: [String])]) -> [String] {
        ["plan.json", "design.csv"] + headers.map(\.file) + ["summary.csv", "timings.csv", "journal.log", "manifest.json"]
    }

    /// Writes every table, summary.csv and timings.csv from the parts of `runs`; returns the digest of
    /// every table in the directory and how many runs ended with each status.
    static func assemble(_ directory: SweepDirectory, runs: [Int], headers: [(file: String, header: [String])]) throws
        -> (tables: [(file: String, digest: TableDigest)], statuses: [RunStatus: Int]) {
        let manifests = try runs.map { try directory.partManifest($0) }
        var tables: [(file: String, digest: TableDigest)] = []
        for (file, header) in headers {
            tables.append((file, try writeTable(directory.path(file), header: header) { out in
                for (id, manifest) in zip(runs, manifests) { try append(part: directory.partFile(id, file), expected: manifest.tables[file], to: out) }
            }))
        }
        let timings = try writeTable(directory.path("timings.csv"), header: BatchColumns.timings.map(\.name)) { out in
            for (id, manifest) in zip(runs, manifests) { try out.writeRow([String(id), manifest.wallSeconds]) }
        }
        let (summary, statuses) = try summarize(directory)
        let design = try TableDigest(file: directory.path("design.csv"))
        return ([("design.csv", design)] + tables + [("summary.csv", summary), ("timings.csv", timings)], statuses)
    }

    /// Writes summary.csv from runs.csv; returns its digest and how many runs ended with each status.
    static func summarize(_ directory: SweepDirectory) throws -> (TableDigest, statuses: [RunStatus: Int]) {
        try Disk.replace(directory.path("summary.csv")) { try SummaryTable.write(runs: directory.path("runs.csv"), to: $0) }
    }

    /// Writes a table at `path`, its header (if given) then what `body` writes: under a temporary
    /// name, synced, then renamed into place. Returns its digest.
    @discardableResult
    static func writeTable(_ path: String, header: [String]?, _ body: (CSVWriter) throws -> Void) throws -> TableDigest {
        try Disk.replace(path) { temporary in
            let out = try CSVWriter(path: temporary, header: header ?? [], writingHeader: header != nil)
            try body(out)
            try out.close()
            return out.checksum.digest
        }
    }

    /// Copies one part file into `out`, checking it against the digest its manifest records.
    private static func append(part path: String, expected: TableDigest?, to out: CSVWriter) throws {
        guard let expected else { throw Sweep.Failure.damaged(path, "is not in its part's manifest") }
        let reader = try ChunkReader(path: path)
        var sum = Checksum()
        while let chunk = try reader.next() {
            sum.add(chunk)
            try out.writeRaw(chunk)
        }
        if let why = sum.digest.mismatch(expected) { throw Sweep.Failure.damaged(path, why) }
    }

    static func removeParts(_ directory: SweepDirectory) {
        try? Disk.remove(directory.parts.path)
    }
}
