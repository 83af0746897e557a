import Output
import Simulation

/// The columns of a sweep directory's tables, as `docs/OUTPUT.md` documents them (a test checks the
/// two agree). Every per-run table starts with the run's identity; `<key>` stands for each swept key,
/// by its own dotted name (e.g. `money_fund.cash`).
public enum BatchColumns {
    public typealias Doc = (name: String, meaning: String, unit: String)

    /// The identity every per-run row starts with.
    public static let identity: [Doc] = [
        ("run_id", "the run's number: point, then replication, then variant, 1-based", "run"),
        ("point", "the design point, 1-based (a row of design.csv)", "point"),
        ("replication", "the replication at this point, 1-based", "replication"),
        ("variant", "main (the experiment itself) or a counterfactual variant's name", "text"),
        ("seed", "the run's master seed, shared by its variants: `drypowder run` with `--seed SEED` and the point's keys as `--set` repeats a main run", "seed"),
    ]

    public static let design: [Doc] = [
        ("point", "the design point, 1-based", "point"),
        ("<key>", "the value of each swept key at this point", "as the key"),
    ]

    public static let runs: [Doc] = identity + [
        ("<key>", "the value of each swept key in this run", "as the key"),
        ("status", "ok (the run ended; its markets may have halted at their daily limits: halt_days); failed (the run stopped: accounting violation, non-finite value); invalid (the point's configuration was rejected)", "text"),
        ("error", "why the run is not ok, on one line; empty when ok", "text"),
    ] + RunMetrics.documented

    public static let timeseries: [Doc] = identity + [
        ("...", "then every column of a single run's timeseries.csv (above), for the kept steps", ""),
    ]

    public static let flows: [Doc] = identity + [
        ("...", "then every column of a single run's flows.csv (above), summed over the steps since the previous kept step", ""),
    ]

    public static let events: [Doc] = identity + [
        ("step", "trading day, 1-based", "step"),
        ("event", "margin_call, default, liquidation, redemption_notice, redemption_paid, standing_repo or scenario_change", "text"),
        ("count", "how many: funds called or defaulted, retail liquidation orders, 1 for the others", "count"),
        ("value", "value involved: liquidations, redemptions, standing-repo loans outstanding; empty for counts only", "$bn"),
    ]

    public static let snapshots: [Doc] = identity + [
        ("step", "trading day, 1-based (every outputs.snapshot_every steps)", "step"),
        ("agent", "one agent, e.g. hedge_fund[3], or a sector summed (retail, government, central_bank, real_economy)", "text"),
        ("assets", "financial assets at the step's prices", "$bn"),
        ("liabilities", "liabilities at the step's prices", "$bn"),
        ("net_worth", "assets minus liabilities", "$bn"),
    ]

    public static let summary: [Doc] = [
        ("point", "the design point, 1-based", "point"),
        ("<key>", "the value of each swept key at this point", "as the key"),
        ("variant", "main or a variant's name", "text"),
        ("statistic", "level: the variant's runs; difference: the variant minus main, paired on the same seed", "text"),
        ("metric", "a summary metric of runs.csv", "text"),
        ("n", "runs that ended ok (or pairs of them) that entered the statistic", "runs"),
        ("mean", "mean over those runs", "as the metric"),
        ("sd", "sample standard deviation (n - 1); empty when n < 2", "as the metric"),
        ("ci_low", "lower end of the 95% confidence interval for the mean, from Student's t (GSL); empty when n < 2", "as the metric"),
        ("ci_high", "upper end of that interval", "as the metric"),
    ]

    public static let timings: [Doc] = [
        ("run_id", "the run's number", "run"),
        ("wall_seconds", "wall-clock time the run took", "s"),
    ]

    /// `identity` values of one run.
    static func identity(_ run: RunPlan.RunID, variants: [String]) -> [String] {
        [String(run.id), String(run.point), String(run.replication), variants[run.variant], String(run.seed)]
    }

    /// The header of a table documented by `docs` for the swept keys `keys` and these assets.
    static func header(_ docs: [Doc], keys: [String], assets: [String]) -> [String] {
        docs.flatMap { doc -> [String] in
            if doc.name == "<key>" { return keys }
            if doc.name.contains("<asset>") { return assets.map { doc.name.replacingOccurrences(of: "<asset>", with: $0) } }
            return [doc.name]
        }
    }
}
