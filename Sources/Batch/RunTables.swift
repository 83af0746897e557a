import Foundation
import Output
import Simulation

/// The per-step tables of one run, streamed as its records arrive: timeseries rows at the kept steps
/// (every `outputs.every`-th and the last), flows summed over the steps since the last kept one,
/// events as they happen, balance sheets when the run hands them over.
final class RunTables {
    private let assets: [String]
    private let every: Int
    private let timeseries, flows, events, snapshots: CSVWriter?
    /// Flows since the last kept step, by (sector, asset) in order of first appearance.
    private var pending: [SectorFlow] = []

    init(identity: [String], context: BatchContext,
         timeseries: CSVWriter?, flows: CSVWriter?, events: CSVWriter?, snapshots: CSVWriter?) {
        assets = context.assets
        every = context.outputs.every
        (self.timeseries, self.flows, self.events, self.snapshots) = (timeseries, flows, events, snapshots)
        for writer in [timeseries, flows, events, snapshots] { writer?.rowPrefix = identity }
    }

    func write(_ r: StepRecord, sheets: [BalanceSheet], last: Int, scenarioChange: Bool) throws {
        let kept = r.step % every == 0 || r.step == last
        if let timeseries, kept {
            try TimeseriesColumns.write(r, to: timeseries)
        }
        if let flows {
            accumulate(r.flows)
            if kept {
                try FlowColumns.write(step: r.step, flows: pending, assets: assets, to: flows)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if let events { try writeEvents(r, scenarioChange: scenarioChange, to: events) }
        if let snapshots {
            for s in sheets {
                try snapshots.writeRow([String(r.step), s.agent, CSVWriter.format(s.assets),
                                        CSVWriter.format(s.liabilities), CSVWriter.format(s.netWorth)])
            }
        }
    }

    private func accumulate(_ step: [SectorFlow]) {
        for f in step {
            if let i = pending.firstIndex(where: { $0.asset == f.asset && $0.sector == f.sector }) {
                pending[i].netUnits += f.netUnits
                pending[i].netValue += f.netValue
                pending[i].forcedUnits += f.forcedUnits
            } else {
                pending.append(f)
            }
        }
    }

    private func writeEvents(_ r: StepRecord, scenarioChange: Bool, to out: CSVWriter) throws {
        let step = String(r.step)
        func row(_ event: String, _ count: Int, _ value: Double?) throws {
            try out.writeRow([step, event, String(count), value.map(CSVWriter.format) ?? ""])
        }
        if scenarioChange { try row("scenario_change", 1, nil) }
        if r.marginCalls > 0 { try row("margin_call", r.marginCalls, nil) }
        if r.defaults > 0 { try row("default", r.defaults, nil) }
        if r.liquidations > 0 { try row("liquidation", r.liquidations, r.liquidationValue) }
        if r.redemptionNotices > 0 { try row("redemption_notice", 1, r.redemptionNotices) }
        if r.redemptionsPaid > 0 { try row("redemption_paid", 1, r.redemptionsPaid) }
        if r.standingRepo > 0 { try row("standing_repo", 1, r.standingRepo) }
    }

    /// Drops every row written so far (a failed run keeps none).
    func discard() throws {
        for w in [timeseries, flows, events, snapshots] { try w?.truncate() }
    }
}
