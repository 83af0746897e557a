import Config
import Foundation
import Simulation

/// Runs one experiment into `OUT/<experiment>/`: `timeseries.csv` and `flows.csv` streamed step by
/// step, then `manifest.json`; the directory appears only when the run has finished (see `RunDirectory`).
public enum RunWriter {
    /// Unless `replace`, a finished run of the same name in `outDirectory` is an error (`RunDirectory.Exists`).
    public static func write(_ experiment: Experiment, scenario: Scenario, seed: UInt64, outDirectory: String,
                             replace: Bool = true, progress: (Int) throws -> Void = { _ in })
        throws -> (directory: String, summary: RunSummary) {
        let started = Date()
        _ = Manifest.gitCommit  // read now: the checkout's state when the run starts
        let rules = scenario.base
        let directory = try RunDirectory(parent: outDirectory, name: experiment.name, replace: replace)
        do {
            let assets = rules.market.assets.map(\.name)
            let csv = try CSVWriter(path: directory.path("timeseries.csv"), header: TimeseriesColumns.header(assets: rules.market.assets))
            csv.wholeNumbers = TimeseriesColumns.wholeNumbers(assets: rules.market.assets)
            let flows = try CSVWriter(path: directory.path("flows.csv"), header: FlowColumns.header)
            var summary = RunSummary(assets: assets)
            try Run.execute(scenario, seed: seed) { record in
                try TimeseriesColumns.write(record, to: csv)
                try FlowColumns.write(step: record.step, flows: record.flows, assets: assets, to: flows)
                summary.observe(record)
                try progress(record.step)
            }
            try csv.close()
            try flows.close()
            let manifest = Manifest(
                experiment: experiment, seed: seed, generator: rules.run.generator, steps: rules.run.steps,
                startedAt: started, wallSeconds: Date().timeIntervalSince(started),
                files: ["timeseries.csv", "flows.csv", "manifest.json"], haltDays: summary.health.haltDays,
                halts: summary.health.message)
            try Disk.write(Array((manifest.json.rendered() + "\n").utf8), to: directory.path("manifest.json"))
            try directory.commit()
            return (directory.final.path, summary)
        } catch {
            directory.discard()
            throw error
        }
    }
}
