import Foundation
import Output

/// `drypowder analyze DIR`: statistics of every ok run of a finished sweep, from its CSV tables,
/// written as CSV so users recompute them on their own runs. Two tables, in a directory renamed
/// into place when complete (nothing partial is left behind on an error):
/// - statistics.csv: one row per run and statistic (tidy);
/// - summary.csv: per point and variant, the level and the paired difference from main.
public enum Analysis {
    public struct Report: Sendable {
        public var runs = 0
        public var analysed = 0
        /// Why a table's statistics were not computed (absent or thinned tables).
        public var skipped: [String] = []
        public var files: [String] = []
    }

    public static func run(directory: String, out: String, settings: AnalysisSettings) throws -> Report {
        let fm = FileManager.default
        guard fm.fileExists(atPath: directory + "/manifest.json") else {
            throw AnalysisError.directory(directory, "not a finished sweep (no manifest.json): run `drypowder sweep` (or finish it with --resume) first")
        }
        let runs = try RunsTable(path: directory + "/runs.csv")
        var report = Report(runs: runs.rows.count)

        /// A per-run table the sweep may not have written (outputs.tables), with its column layout.
        func table<Layout>(_ name: String, _ layout: (RunGroups) throws -> Layout, otherwise: String) throws -> (table: RunGroups, layout: Layout)? {
            guard fm.fileExists(atPath: directory + "/" + name) else {
                report.skipped.append("\(name) absent (outputs.tables): \(otherwise)")
                return nil
            }
            let table = try RunGroups(path: directory + "/" + name)
            return (table, try layout(table))
        }
        let timeseries = try table("timeseries.csv", RunSeries.Layout.init, otherwise: "no return, drawdown or forced-sale statistics")
        let flows = try table("flows.csv", FlowStatistics.Layout.init, otherwise: "no sector flow statistics")

        let staging = out + ".partial"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do {
            let statistics = try CSVWriter(path: staging + "/statistics.csv", header: AnalysisColumns.header(AnalysisColumns.statistics, keys: []))
            let summary = try CSVWriter(path: staging + "/summary.csv", header: AnalysisColumns.header(AnalysisColumns.summary, keys: runs.keys))
            var point: PointSummary?
            var thinned = false
            for run in runs.rows where run.ok {
                var stats = zip(runs.metrics, run.metrics).map { Statistic(subject: "run", name: $0, lag: nil, value: $1) }
                if let (table, layout) = timeseries {
                    let series = try RunSeries(rows: try table.rows(of: run.id), layout: layout, path: table.path)
                        .dropping(first: settings.burnIn)
                    if !series.daily { thinned = true }
                    if !series.steps.isEmpty && series.daily {
                        stats += SeriesStatistics.of(series, assets: layout.assets, settings: settings)
                    }
                }
                if let (table, layout) = flows {
                    stats += try FlowStatistics.of(rows: try table.rows(of: run.id), layout: layout, path: table.path)
                }
                for s in stats {
                    try statistics.writeRow([String(run.id), run.point, run.replication, run.variant, s.subject, s.name,
                                             s.lag.map(String.init) ?? "", CSVWriter.format(s.value)])
                }
                if point?.point != run.point {
                    try point?.write(to: summary)
                    point = PointSummary(point: run.point, keyValues: run.keyValues)
                }
                point?.add(variant: run.variant, replication: run.replication, stats)
                report.analysed += 1
            }
            try point?.write(to: summary)
            try statistics.close()
            try summary.close()
            if thinned {
                report.skipped.append("timeseries.csv keeps only every few steps (outputs.every > 1): its statistics need every step, skipped")
            }
            try? fm.removeItem(atPath: out)
            try fm.moveItem(atPath: staging, toPath: out)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        report.files = [out + "/statistics.csv", out + "/summary.csv"]
        return report
    }
}

/// The identity, swept keys and status of every run, from runs.csv.
struct RunsTable {
    struct Row {
        let id: Int
        let point: String, replication: String, variant: String
        let keyValues: [String]
        let ok: Bool
        /// the summary metrics after `error`, in `metrics` order (NaN where empty)
        let metrics: [Double]
    }

    let keys: [String]
    let metrics: [String]
    let rows: [Row]

    init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AnalysisError.table(path, "cannot be read")
        }
        let table = CSVReader.parse(text)
        guard let header = table.first, header.starts(with: ["run_id", "point", "replication", "variant", "seed"]),
              let status = header.firstIndex(of: "status"), header.indices.contains(status + 1), header[status + 1] == "error" else {
            throw AnalysisError.table(path, "is not a sweep's runs.csv (expected run_id, point, replication, variant, seed, keys, status)")
        }
        keys = Array(header[5..<status])
        metrics = Array(header[(status + 2)...])
        rows = try table.dropFirst().map { row in
            guard row.count == header.count, let id = Int(row[0]) else {
                throw AnalysisError.table(path, "has a row of \(row.count) fields (header \(header.count)) or without a run_id")
            }
            return Row(id: id, point: row[1], replication: row[2], variant: row[3], keyValues: Array(row[5..<status]), ok: row[status] == "ok",
                       metrics: row[(status + 2)...].map { Double($0) ?? .nan })
        }
    }
}
