import Batch
import Config
import Foundation
import Output
import TestSupport
import Testing
@testable import Analysis

/// Every table drypowder writes types itself: a reader that types each column from its rows (polars,
/// DuckDB) finds whole numbers, floating-point numbers or text, never a column of floating-point numbers
/// that starts with a whole-looking value, and no CR.
@Suite struct TypedTablesTests {
    @Test func everyTableOfASweepAndItsAnalysesTypesItself() throws {
        // A saltelli sweep with every per-run table and a variant, then analyze and sensitivity on it.
        let experiment = try Experiment.load(Repository.experiment(steps: 30, retail: 150, extra: """
            sweep:
              design: saltelli
              points: 2
              parameters:
                speculator.herding: {min: 2, max: 3}
                retail.count: {min: 100, max: 200, integer: true}
            variants:
              no-boom: {events: []}
            events:
              - at: 5
                set: {hyperscaler.capex_growth: 1}
            outputs: {tables: [timeseries, flows, events], every: 1, snapshot_every: 10}
            """))
        let dir = Repository.temporaryDirectory() + "/sweep"
        _ = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 3), into: SweepDirectory(dir), options: .init(jobs: 2))
        _ = try Analysis.run(directory: dir, out: dir + "/analysis", settings: AnalysisSettings())
        let report = try Sensitivity.run(directory: dir, outputs: ["return_crypto"], variant: "main", against: "no-boom",
                                         resamples: 20, seed: 1)
        try Sensitivity.write(report, to: dir + "/sensitivity.csv")
        let tables = ["runs.csv", "design.csv", "summary.csv", "timeseries.csv", "flows.csv", "events.csv", "snapshots.csv",
                      "timings.csv", "analysis/statistics.csv", "analysis/statistics_summary.csv", "sensitivity.csv"]
        var kinds: [String: [String: TypedCSV.Kind]] = [:]
        for table in tables {
            let read = TypedCSV.read(dir + "/" + table)
            #expect(read.problems.isEmpty, "\(read.problems)")
            kinds[table] = read.kinds
        }
        // Whole numbers where the column counts, floating point where it measures, in any row.
        #expect(kinds["timeseries.csv"]?["step"] == .whole && kinds["timeseries.csv"]?["clearing_rounds"] == .whole)
        #expect(kinds["timeseries.csv"]?["price_crypto"] == .float && kinds["timeseries.csv"]?["halted_crypto"] == .whole)
        #expect(kinds["runs.csv"]?["halt_days"] == .whole && kinds["runs.csv"]?["return_crypto"] == .float)
        #expect(kinds["design.csv"]?["retail.count"] == .whole && kinds["design.csv"]?["speculator.herding"] == .float)
        #expect(kinds["analysis/statistics.csv"]?["value"] == .float && kinds["analysis/statistics.csv"]?["lag"] == .whole)
        #expect(kinds["summary.csv"]?["n"] == .whole && kinds["summary.csv"]?["mean"] == .float)
    }

    /// A grid written as the user wrote it (`[1, 1.5]`) is still one type per column.
    @Test func aGridOfMixedLiteralsIsWrittenInOneForm() throws {
        let experiment = try Experiment.load(Repository.experiment(steps: 5, retail: 100, extra: """
            sweep:
              parameters:
                speculator.herding: [2, 2.5]
            """))
        let dir = Repository.temporaryDirectory() + "/grid"
        _ = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 3), into: SweepDirectory(dir), options: .init(jobs: 1))
        for table in ["design.csv", "runs.csv", "summary.csv"] {
            let read = TypedCSV.read(dir + "/" + table)
            #expect(read.problems.isEmpty && read.kinds["speculator.herding"] == .float, "\(table): \(read)")
        }
        #expect(try String(contentsOfFile: dir + "/design.csv", encoding: .utf8).contains("\n1,2.0\n"))
    }
}
