import Foundation
import Output
import Simulation
import Stochastics

/// summary.csv from runs.csv, streamed one design point at a time (runs.csv is in run_id order, so a
/// point's runs are contiguous): per point, variant and metric, the mean, sd and 95% confidence
/// interval of the level over the runs that ended ok, and for each variant the same of its difference
/// from `main` over the replications where both ended ok (common random numbers make these pairs).
/// Runs in which a market halted are ok: halts are events of the market (runs.csv's `halt_days`).
enum SummaryTable {
    /// Writes summary.csv; returns its digest and how many runs in runs.csv ended with each status.
    static func write(runs: String, to path: String) throws -> (TableDigest, statuses: [RunStatus: Int]) {
        let reader = try LineReader(path: runs)
        guard let headerLine = try reader.next() else { throw OutputError.cannotFinish(path, "\(runs) is empty") }
        let header = LineReader.fields(headerLine)
        guard let seed = header.firstIndex(of: "seed"), let status = header.firstIndex(of: "status"),
              let error = header.firstIndex(of: "error"), let variantColumn = header.firstIndex(of: "variant"),
              let replicationColumn = header.firstIndex(of: "replication") else {
            throw OutputError.cannotFinish(path, "\(runs) lacks the identity columns")
        }
        let keys = Array(header[(seed + 1)..<status]), metrics = Array(header[(error + 1)...])
        let out = try CSVWriter(path: path, header: BatchColumns.header(BatchColumns.summary, keys: keys, assets: []) )

        var point: String?, keyValues: [String] = [], statuses: [RunStatus: Int] = [:]
        var variants: [String] = []
        /// variant -> its ok runs' (replication, metric values), in run order (sums must not depend on a
        /// dictionary's order, or the bytes would differ between processes)
        var values: [String: [(replication: String, metrics: [Double])]] = [:]

        func flush() throws {
            guard let point else { return }
            for v in variants {
                let runs = values[v, default: []]
                try emit(point, keyValues, v, "level", runs.map(\.metrics))
                guard v != "main" else { continue }
                let main = Dictionary(uniqueKeysWithValues: values["main", default: []].map {
                    ($0.replication, $0.metrics)
                })
                let pairs = runs.compactMap { run in
                    main[run.replication].map { zip(run.metrics, $0).map { $0 - $1 } }
                }
                try emit(point, keyValues, v, "difference", pairs)
            }
        }
        func emit(_ point: String, _ keyValues: [String], _ variant: String, _ statistic: String,
                  _ runs: [[Double]]) throws {
            for (m, metric) in metrics.enumerated() {
                let xs = runs.map { $0[m] }
                var stats = ["", "", "", ""]
                if !xs.isEmpty {
                    let s = Statistics.meanInterval(xs)
                    stats = [s.mean, s.sd, s.low, s.high].map { $0.isFinite ? CSVWriter.format($0) : "" }
                }
                try out.writeRow([point] + keyValues + [variant, statistic, metric, String(xs.count)] + stats)
            }
        }

        while let line = try reader.next() {
            let row = LineReader.fields(line)
            let at = "\(runs):\(reader.lineNumber)"
            guard row.count == header.count else { throw OutputError.cannotFinish(path, "\(at): a row of \(row.count) fields, its header \(header.count)") }
            guard let runStatus = RunStatus(rawValue: row[status]) else {
                throw OutputError.cannotFinish(path, "\(at): unknown status '\(row[status])'")
            }
            if row[1] != point {
                try flush()
                (point, keyValues, variants, values) = (row[1], Array(row[(seed + 1)..<status]), [], [:])
            }
            let variant = row[variantColumn]
            if !variants.contains(variant) { variants.append(variant) }
            statuses[runStatus, default: 0] += 1
            guard runStatus == .ok else { continue }
            let numbers = try row[(error + 1)...].enumerated().map { i, text -> Double in
                guard let x = Double(text), x.isFinite else {
                    throw OutputError.cannotFinish(path, "\(at): \(metrics[i]) of a \(runStatus.rawValue) run is '\(text)', not a finite number")
                }
                return x
            }
            values[variant, default: []].append((row[replicationColumn], numbers))
        }
        try flush()
        try out.close()
        return (out.checksum.digest, statuses)
    }
}
