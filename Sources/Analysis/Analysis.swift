import Foundation
import Output
import Simulation

/// `drypowder analyze DIR`: statistics of every ok run of a finished sweep, from its CSV tables,
/// written as CSV so users recompute them on their own runs. Every table read is checked row by row
/// and, whole, against the digest the sweep's manifest records; a damaged sweep is refused before
/// anything is written. Into `--out` (`AnalysisFolder`), each file renamed into place when complete:
/// - statistics.csv: one row per run and statistic (tidy);
/// - statistics_summary.csv: per point and variant, the level and the paired difference from main;
/// - analysis.json, last: what was analysed, and the digest of each table.
public enum Analysis {
    public struct Report: Sendable {
        public var runs = 0
        /// Runs analysed: those that ended ok.
        public var analysed = 0
        /// Why a table's statistics were not computed (absent or thinned tables), or were not checked.
        public var skipped: [String] = []
        public var files: [String] = []
    }

    public static func run(directory: String, out: String, settings: AnalysisSettings) throws -> Report {
        let sweep = try SweepTables(directory)
        let folder = try AnalysisFolder(out)
        do { return try analyse(sweep, into: folder, settings: settings) } catch {
            folder.discard()
            throw error
        }
    }

    private static func analyse(_ sweep: SweepTables, into folder: AnalysisFolder, settings: AnalysisSettings) throws -> Report {
        let runs = try RunsTable(path: sweep.path("runs.csv"), expected: try sweep.digest("runs.csv"))
        if let planned = sweep.runs, planned != runs.rows.count {
            throw AnalysisError.table(sweep.path("runs.csv"), "has \(runs.rows.count) runs, manifest.json records \(planned)")
        }
        var report = Report(runs: runs.rows.count)
        if !sweep.verified {
            report.skipped.append("manifest.json records no table digests (an older drypowder wrote it): the tables were checked row by row only")
        }

        /// A per-run table the sweep may not have written (outputs.tables), with its column layout.
        func table<Layout>(_ name: String, _ layout: (RunGroups) throws -> Layout, otherwise: String) throws -> (table: RunGroups, layout: Layout)? {
            guard FileManager.default.fileExists(atPath: sweep.path(name)) else {
                report.skipped.append("\(name) absent (outputs.tables): \(otherwise)")
                return nil
            }
            let table = try RunGroups(path: sweep.path(name), expected: try sweep.digest(name))
            return (table, try layout(table))
        }
        let timeseries = try table("timeseries.csv", { try RunSeries.Layout($0, assets: runs.assets) },
                                   otherwise: "no return, drawdown or forced-sale statistics")
        let flows = try table("flows.csv", FlowStatistics.Layout.init, otherwise: "no sector flow statistics")

        let statistics = try folder.table("statistics.csv", header: AnalysisColumns.header(AnalysisColumns.statistics, keys: []))
        let summary = try folder.table("statistics_summary.csv", header: AnalysisColumns.header(AnalysisColumns.summary, keys: runs.keys))
        var point: PointSummary?
        var thinned = false
        for run in runs.rows where run.status == .ok {
            var stats = zip(runs.metrics, run.metrics).map { Statistic(subject: "run", name: $0, lag: nil, value: $1) }
            if let (table, layout) = timeseries {
                let rows = try table.rows(of: run.id)
                guard !rows.isEmpty else {
                    throw AnalysisError.table(table.path, "has no rows of run \(run.id), which runs.csv says ran to the end (cut short?)")
                }
                let series = try RunSeries(rows: rows, layout: layout, table: table.columns).dropping(first: settings.burnIn)
                if !series.daily { thinned = true }
                if !series.steps.isEmpty && series.daily {
                    stats += SeriesStatistics.of(series, assets: layout.assets, settings: settings)
                }
            }
            if let (table, layout) = flows {
                stats += try FlowStatistics.of(rows: try table.rows(of: run.id), layout: layout, table: table.columns)
            }
            for s in stats {
                try statistics.writeRow([String(run.id), run.point, run.replication, run.variant, run.status.rawValue, s.subject, s.name,
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
        try timeseries?.table.finish()
        try flows?.table.finish()
        if thinned {
            report.skipped.append("timeseries.csv keeps only every few steps (outputs.every > 1): its statistics need every step, skipped")
        }
        report.files = try folder.commit(source: sweep, settings: settings, report: report)
        return report
    }
}
