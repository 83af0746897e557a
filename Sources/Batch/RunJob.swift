import Config
import Economy
import Foundation
import Output
import Simulation

/// One run of a batch, written into its own part directory (`SweepDirectory.Part`): its rows of every
/// per-run table, without headers, and its wall time. A run that fails keeps only its runs.csv row.
enum RunJob {
    /// A failure to write output: fatal to the whole sweep, unlike a failing run.
    struct WriteFailure: Error, CustomStringConvertible {
        let underlying: any Error
        var description: String { "\(underlying)" }
    }

    static func execute(_ run: RunPlan.RunID, context: BatchContext, into part: SweepDirectory.Part) throws -> (status: RunStatus, error: String, wallSeconds: String) {
        let started = Date()
        let identity = BatchColumns.identity(run, variants: context.plan.variants)
        let keyValues = context.design.values(at: run.point)
        let writers: [(file: String, writer: CSVWriter)]
        do {
            writers = try context.headers.map { ($0.file, try CSVWriter(path: part.path($0.file), header: $0.header, writingHeader: false)) }
        } catch { throw WriteFailure(underlying: error) }
        func table(_ file: String) -> CSVWriter? { writers.first { $0.file == file }?.writer }
        table("timeseries.csv")?.wholeNumbers = context.timeseriesWholeNumbers
        let runs = table("runs.csv")!
        let tables = RunTables(identity: identity, context: context,
                               timeseries: table("timeseries.csv"), flows: table("flows.csv"),
                               events: table("events.csv"), snapshots: table("snapshots.csv"))
        var status = RunStatus.ok, message = "", metrics: [String] = []
        do {
            let scenario: Scenario
            do { scenario = try context.scenario(for: run) } catch {
                status = .invalid
                throw error
            }
            var summary = RunSummary(assets: context.assets)
            let changes = Set(scenario.changes.map(\.step))
            try Run.execute(scenario, seed: run.seed, snapshotEvery: context.outputs.snapshotEvery) { record, sheets in
                summary.observe(record)
                do {
                    try tables.write(record, sheets: sheets, last: scenario.base.run.steps, scenarioChange: changes.contains(record.step))
                } catch { throw WriteFailure(underlying: error) }
            }
            metrics = zip(RunMetrics.values(summary), RunMetrics.wholeNumbers(assets: summary.assets.count)).map {
                $1 ? CSVWriter.whole($0) : CSVWriter.format($0)
            }
            message = summary.health.summary  // halts and insolvent dealers, if any: reported, the run is ok
        } catch let error as WriteFailure {
            throw error
        } catch {
            if status == .ok { status = .failed }
            message = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " | ")
            metrics = Array(repeating: "", count: RunMetrics.names(assets: context.assets).count)
            do { try tables.discard() } catch { throw WriteFailure(underlying: error) }
        }
        do {
            try runs.writeRow(identity + keyValues + [status.rawValue, status == .ok ? "" : message] + metrics)
            for w in writers { try w.writer.close() }
            let wall = try part.finish(tables: writers.map { ($0.file, $0.writer.checksum.digest) },
                                       wallSeconds: Date().timeIntervalSince(started))
            return (status, message, wall)
        } catch { throw WriteFailure(underlying: error) }
    }
}
