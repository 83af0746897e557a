import Foundation
import Output
import Stochastics

/// Sobol indices of a saltelli sweep (`sweep: {design: saltelli}`): for each chosen output of runs.csv,
/// how much of its variance over the design each swept key explains alone (first order) and with its
/// interactions (total), by Jansen's estimators with bootstrap intervals (`SobolIndices`). An output at
/// a point is its mean over the point's replications, or, with `against`, the mean paired difference
/// variant minus `against` on the same seeds (a variant's effect). A row of the design with a point
/// whose runs did not all end ok is left out whole, and reported.
public enum Sensitivity {
    public struct Row: Sendable {
        public let output: String
        public let parameter: String
        /// Design rows whose every point has the output.
        public let rows: Int
        public let index: SobolIndices.Index
    }

    public struct Report: Sendable {
        public let rows: [Row]
        /// The design's base rows (N), those used, and why the others were not.
        public let baseRows: Int
        public let usedRows: Int
        public let notes: [String]
        /// Outputs without indices, and why (they did not vary, or too few rows have them).
        public let missing: [(output: String, why: String)]
    }

    public static let header = ["output", "parameter", "rows", "first_order", "first_order_low", "first_order_high",
                                "total", "total_low", "total_high"]

    public static func run(directory: String, outputs: [String], variant: String, against: String?,
                           resamples: Int, seed: UInt64) throws -> Report {
        let manifest = try SweepTables.manifest(of: directory, missing: "not a finished sweep (no manifest.json): run "
                                                + "`drypowder sweep` first")
        let design = manifest["design"] as? String ?? "none", sharedSeeds = manifest["seeds"] as? String == "shared"
        guard design == "saltelli" else {
            throw AnalysisError.directory(directory, "a sweep of design \(design): Sobol indices need a saltelli design "
                                          + "(`sweep: {design: saltelli, points: N, parameters: {...}}`)")
        }
        let designRows = try table(directory + "/design.csv")
        let keys = Array(designRows[0].dropFirst()), k = keys.count, points = designRows.count - 1
        guard k >= 1, points % (k + 2) == 0 else {
            throw AnalysisError.table(directory + "/design.csv", "expected N (k + 2) points for \(k) keys, found \(points)")
        }
        let runs = try table(directory + "/runs.csv")
        let column = Dictionary(uniqueKeysWithValues: runs[0].enumerated().map { ($1, $0) })
        for name in ["point", "replication", "variant", "status"] + outputs where column[name] == nil {
            throw AnalysisError.table(directory + "/runs.csv", "has no column \(name)")
        }
        let variants = Set(runs.dropFirst().map { $0[column["variant"]!] })
        for name in [variant] + (against.map { [$0] } ?? []) where !variants.contains(name) {
            let known = variants.sorted().joined(separator: ", ")
            throw AnalysisError.table(directory + "/runs.csv", "has no variant \(name) (\(known))")
        }
        var values: [String: [Int: [Int: Double]]] = [:]  // variant -> point -> replication -> output row index
        var broken: Set<Int> = []
        for (i, row) in runs.enumerated().dropFirst() {
            let point = Int(row[column["point"]!])!, rep = Int(row[column["replication"]!])!, v = row[column["variant"]!]
            guard v == variant || v == against else { continue }
            if row[column["status"]!] != "ok" { broken.insert(point) }
            values[v, default: [:]][point, default: [:]][rep] = Double(i)
        }
        let n = points / (k + 2)
        let usable = (0..<n).filter { j in (1...(k + 2)).allSatisfy { !broken.contains(j * (k + 2) + $0) } }
        var notes: [String] = []
        if !sharedSeeds {
            notes.append("each point ran on seeds of its own (no `sweep.seeds: shared`): the indices take in the draws' noise")
        }
        if usable.count < n {
            notes.append("\(n - usable.count) of \(n) design rows left out: a point's runs did not all end ok")
        }
        var rows: [Row] = [], missing: [(output: String, why: String)] = []
        let stream = RandomStream(seed: Seed(seed).child("bootstrap"))
        for output in outputs {
            let c = column[output]!
            func response(_ point: Int) -> Double {
                let own = values[variant]?[point] ?? [:]
                let diffs = own.keys.sorted().compactMap { rep -> Double? in
                    guard let x = Double(runs[Int(own[rep]!)][c]) else { return nil }
                    guard let against else { return x }
                    guard let i = values[against]?[point]?[rep], let y = Double(runs[Int(i)][c]) else { return nil }
                    return x - y
                }
                return diffs.isEmpty ? .nan : Statistics.mean(diffs)
            }
            let block = usable.map { j in (1...(k + 2)).map { response(j * (k + 2) + $0) } }
            let complete = block.filter { $0.allSatisfy(\.isFinite) }
            let a = complete.map { $0[0] }, b = complete.map { $0[1] }
            let ab = (0..<k).map { i in complete.map { $0[2 + i] } }
            guard complete.count >= 2 else {
                missing.append((output, "\(complete.count) design rows have it at every point: too few"))
                continue
            }
            guard let indices = SobolIndices.indices(a: a, b: b, ab: ab, resamples: resamples, stream: stream) else {
                missing.append((output, "it does not vary over the design"))
                continue
            }
            rows += zip(keys, indices).map { Row(output: output, parameter: $0, rows: complete.count, index: $1) }
        }
        return Report(rows: rows, baseRows: n, usedRows: usable.count, notes: notes, missing: missing)
    }

    /// The indices as CSV, one row per output and key.
    public static func write(_ report: Report, to path: String) throws {
        let writer = try CSVWriter(path: Disk.temporaryPath(for: path), header: header)
        for row in report.rows {
            let i = row.index
            try writer.writeRow([row.output, row.parameter, String(row.rows)],
                                then: [i.first, i.firstInterval.lowerBound, i.firstInterval.upperBound,
                                       i.total, i.totalInterval.lowerBound, i.totalInterval.upperBound])
        }
        try writer.close()
        try Disk.rename(writer.path, to: path)
    }

    private static func table(_ path: String) throws -> [[String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AnalysisError.table(path, "cannot be read")
        }
        let rows = CSVReader.parse(text).filter { !$0.isEmpty && $0 != [""] }
        guard rows.count >= 2 else { throw AnalysisError.table(path, "has no rows") }
        return rows
    }
}
