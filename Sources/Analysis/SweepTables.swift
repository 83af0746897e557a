import Foundation
import Output
import Simulation

/// A finished sweep directory as `analyze` reads it: where its tables are, and what its manifest
/// records of them (the digest of each table, the number of runs).
struct SweepTables {
    let directory: String
    let configHash: String?
    /// Runs the manifest says runs.csv holds.
    let runs: Int?
    private let digests: [String: TableDigest]?

    /// False for a sweep whose manifest records no digests (written before they were recorded).
    var verified: Bool { digests != nil }

    /// `manifest`: its manifest.json when the caller has read it already.
    init(_ directory: String, manifest read: [String: Any]? = nil) throws {
        self.directory = directory
        let manifest = try read ?? Self.manifest(of: directory, missing: "not a finished sweep (no manifest.json): run "
                                                 + "`drypowder sweep` (or finish it with --resume) first")
        if manifest["runs"] == nil, manifest["seed"] != nil {
            throw AnalysisError.directory(directory, "is one run's folder (from `drypowder run`); analyze needs a sweep "
                                          + "folder (from `drypowder sweep`), whose runs.csv lists its runs")
        }
        digests = TableDigest.records(manifest["tables"])
        runs = manifest["runs"] as? Int
        configHash = manifest["config_hash"] as? String
    }

    func path(_ file: String) -> String { directory + "/" + file }

    /// The manifest.json of `directory`: `missing` is the error when there is none.
    static func manifest(of directory: String, missing: String) throws -> [String: Any] {
        let path = directory + "/manifest.json"
        guard FileManager.default.fileExists(atPath: path) else { throw AnalysisError.directory(directory, missing) }
        do { return try ManifestFile.object(path) } catch let failure as ManifestFile.Failure {
            throw AnalysisError.table(failure.path, failure.why)
        }
    }

    /// What the manifest records of `file`: nil when it records no digests at all, an error when it
    /// records others but not this one.
    func digest(_ file: String) throws -> TableDigest? {
        guard let digests else { return nil }
        guard let digest = digests[file] else { throw AnalysisError.table(path(file), "is not in manifest.json's tables") }
        return digest
    }
}

/// The identity, swept keys, status and metrics of every run, from runs.csv.
struct RunsTable {
    struct Row {
        let id: Int
        let point: String, replication: String, variant: String, seed: String
        let keyValues: [String]
        let status: RunStatus
        /// the summary metrics after `error`, in `metrics` order (NaN where a run that stopped has none)
        let metrics: [Double]
    }

    let keys: [String]
    let metrics: [String]
    /// The market's assets, from the `return_<asset>` metrics.
    let assets: [String]
    let rows: [Row]

    init(path: String, expected: TableDigest?) throws {
        let reader = try LineReader(path: path)
        guard let first = try reader.next(), case let header = LineReader.fields(first),
              header.starts(with: ["run_id", "point", "replication", "variant", "seed"]),
              let status = header.firstIndex(of: "status"), header.indices.contains(status + 1), header[status + 1] == "error" else {
            throw AnalysisError.table(path, "is not a sweep's runs.csv (expected run_id, point, replication, variant, seed, keys, status, error)")
        }
        let metrics = Array(header[(status + 2)...])
        (keys, self.metrics) = (Array(header[5..<status]), metrics)
        assets = metrics.filter { $0.hasPrefix("return_") }.map { String($0.dropFirst("return_".count)) }
        var rows: [Row] = []
        while let line = try reader.next() {
            let at = "\(path):\(reader.lineNumber)"
            let row = LineReader.fields(line)
            guard line.last == 10, row.count == header.count, let id = Int(row[0]) else {
                throw AnalysisError.table(at, "a row of \(row.count) fields (header \(header.count)), without a run_id or cut short")
            }
            guard id > (rows.last?.id ?? 0) else { throw AnalysisError.table(at, "run \(id) after run \(rows.last!.id): a row repeated or out of order") }
            guard let runStatus = RunStatus(rawValue: row[status]) else {
                throw AnalysisError.table(at, "column \(status + 1) (status): unknown status '\(row[status])'")
            }
            let complete = runStatus == .ok
            let values = try row[(status + 2)...].enumerated().map { i, text -> Double in
                if let x = Double(text), x.isFinite { return x }
                guard !complete && text.isEmpty else {
                    throw AnalysisError.table(at, "column \(status + 3 + i) (\(metrics[i])): expected a finite number, found '\(text)'")
                }
                return .nan
            }
            rows.append(Row(id: id, point: row[1], replication: row[2], variant: row[3], seed: row[4], keyValues: Array(row[5..<status]),
                            status: runStatus, metrics: values))
        }
        if let expected, let why = reader.checksum.digest.mismatch(expected) {
            throw AnalysisError.table(path, why + " (damaged since the sweep wrote it?)")
        }
        self.rows = rows
    }
}
