import Config
import Foundation
import Output
import Stochastics
import TestSupport
import Testing
import Batch
@testable import Analysis

/// `drypowder analyze` end to end on a small sweep: its statistics are what a reader recomputes
/// from the sweep's own tables.
@Suite struct AnalyzeTests {
    static let batch = """
        replications: 3
        variants:
          no-boom: {events: []}
        events:
          - at: 5
            set: {hyperscaler.capex_growth: 1, ai_lab.commitment: 100}
        outputs: {tables: [timeseries, flows], every: 1}
        """

    func sweep(_ extra: String = batch) throws -> String {
        let experiment = try Experiment.load(Repository.experiment(steps: 40, retail: 150, extra: extra))
        let out = Repository.temporaryDirectory() + "/sweep"
        _ = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 9), into: SweepDirectory(out), options: .init(jobs: 2))
        return out
    }

    func table(_ path: String) throws -> [[String: String]] {
        let rows = CSVReader.parse(try String(contentsOfFile: path, encoding: .utf8))
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
    }

    @Test func statisticsEqualThoseRecomputedFromTheTables() throws {
        let dir = try sweep()
        let report = try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings(burnIn: 2))
        #expect(report.analysed == 6 && report.skipped.isEmpty)
        let stats = try table(dir + "/analysis/statistics.csv")
        func value(_ run: String, _ subject: String, _ metric: String, lag: String = "") -> Double? {
            stats.first { $0["run_id"] == run && $0["subject"] == subject && $0["metric"] == metric && $0["lag"] == lag }
                .flatMap { Double($0["value"]!) }
        }
        let series = try table(dir + "/timeseries.csv")
        for run in ["1", "4"] {
            let r = series.filter { $0["run_id"] == run }.dropFirst(2).map { Double($0["log_return_crypto"]!)! }
            #expect(r.count == 38)
            #expect(value(run, "crypto", "excess_kurtosis") == Statistics.excessKurtosis(r))
            #expect(value(run, "crypto", "acf_abs_return", lag: "3") == Statistics.autocorrelation(r.map(abs), lag: 3))
            #expect(value(run, "crypto", "acf_return", lag: "9") != nil && value(run, "crypto", "acf_return", lag: "10") == nil,
                    "lags stop at a quarter of the 38 steps")
            // Yields and spreads: the bond's daily yield changes, the spread's mean and low.
            let rows = series.filter { $0["run_id"] == run }.dropFirst(2)
            let y = rows.map { Double($0["yield_hyperscaler_bond"]!)! }, spread = rows.map { Double($0["credit_spread"]!)! }
            let sd = Statistics.sd(zip(y.dropFirst(), y).map { $0 - $1 })
            #expect(abs(value(run, "hyperscaler_bond", "yield_change_sd")! - sd) <= 1e-12 * sd && sd > 0)
            #expect(value(run, "crypto", "yield_change_sd") == nil, "only bonds have yields")
            #expect(abs(value(run, "all", "credit_spread_mean")! - Statistics.mean(spread)) <= 1e-12 * abs(Statistics.mean(spread)))
            #expect(value(run, "all", "credit_spread_min") == spread.min())
        }
        // Flows: a sector's net value over the run is the sum of its rows.
        let flows = try table(dir + "/flows.csv").filter { $0["run_id"] == "2" && $0["sector"] == "sovereign_fund" && $0["asset"] == "crypto" }
        let net = flows.reduce(0.0) { $0 + Double($1["net_value"]!)! }
        #expect(abs(value("2", "sovereign_fund/crypto", "net_value")! - net) <= 1e-9 * max(abs(net), 1))
        // runs.csv's metrics are repeated under subject `run`.
        let runs = try table(dir + "/runs.csv")
        #expect(value("3", "run", "yield_change") == Double(runs[2]["yield_change"]!))

        // summary.csv: the paired difference is the mean of per-seed differences.
        let summary = try table(dir + "/analysis/statistics_summary.csv")
        let row = try #require(summary.first { $0["variant"] == "no-boom" && $0["statistic"] == "difference" && $0["subject"] == "crypto" && $0["metric"] == "volatility" })
        let diffs: [Double] = (0..<3).map { rep in
            let boom: Double = value(String(2 * rep + 1), "crypto", "volatility")!
            let noBoom: Double = value(String(2 * rep + 2), "crypto", "volatility")!
            return noBoom - boom
        }
        let expected = Statistics.meanInterval(diffs)
        #expect(row["n"] == "3")
        #expect(abs(Double(row["mean"]!)! - expected.mean) <= 1e-12 * abs(expected.mean))
        #expect(abs(Double(row["ci_high"]!)! - expected.high) <= 1e-12 * abs(expected.high))
        #expect(Double(row["median"]!) == Statistics.quantile(diffs, 0.5))
    }

    @Test func thinnedSeriesAreSkippedWithANote() throws {
        let dir = try sweep(Self.batch.replacingOccurrences(of: "every: 1", with: "every: 4"))
        let report = try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings())
        #expect(report.skipped.contains { $0.contains("outputs.every") })
        let stats = try table(dir + "/analysis/statistics.csv")
        #expect(!stats.contains { $0["metric"] == "excess_kurtosis" })
        #expect(stats.contains { $0["metric"] == "sales_value" } && stats.contains { $0["subject"] == "run" })
    }

    @Test func anUnfinishedSweepIsRefusedAndLeavesNothing() throws {
        let dir = Repository.temporaryDirectory()
        try "run_id,point,replication,variant,seed,status,error\n".write(toFile: dir + "/runs.csv", atomically: true, encoding: .utf8)
        #expect(throws: AnalysisError.self) { try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings()) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/analysis"))
        // A malformed timeseries row names the file; no analysis directory is left behind.
        let good = try sweep()
        let path = good + "/timeseries.csv"
        try (try String(contentsOfFile: path, encoding: .utf8) + "1,2,3\n").write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try Analysis.run(directory: good, out: good + "/analysis", settings: AnalysisSettings())
            Issue.record("a short row was accepted")
        } catch let error as AnalysisError {
            #expect(error.description.hasPrefix(path))
        }
        #expect(!FileManager.default.fileExists(atPath: good + "/analysis") && !FileManager.default.fileExists(atPath: good + "/analysis.partial"))
    }

    @Test func everyAnalysisColumnAndMetricIsDocumented() throws {
        let doc = try String(contentsOfFile: Repository.path("docs/OUTPUT.md"), encoding: .utf8)
        let sections: [(String, [AnalysisColumns.Doc])] = [
            ("analysis/statistics.csv", AnalysisColumns.statistics), ("analysis metrics", AnalysisColumns.metrics),
            ("analysis/statistics_summary.csv", AnalysisColumns.summary),
        ]
        for (title, docs) in sections {
            let parts = doc.components(separatedBy: "### \(title)\n")
            try #require(parts.count == 2, "docs/OUTPUT.md has no section ### \(title)")
            let section = parts[1].components(separatedBy: "\n#")[0]
            for d in docs { #expect(section.contains("| `\(d.name)` | \(d.meaning) | \(d.unit) |"), "docs/OUTPUT.md lacks \(title): \(d.name)") }
            #expect(section.split(separator: "\n").filter { $0.hasPrefix("| `") }.count == docs.count)
        }
        // Every metric the code writes is documented.
        let dir = try sweep()
        _ = try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings())
        let written = Set(try table(dir + "/analysis/statistics.csv").filter { $0["subject"] != "run" }.map { $0["metric"]! })
        #expect(written.isSubset(of: Set(AnalysisColumns.metrics.map(\.name))), "undocumented: \(written.subtracting(AnalysisColumns.metrics.map(\.name)))")
    }
}
