/// The columns of `drypowder analyze`'s tables and the statistics they hold, as `docs/OUTPUT.md`
/// documents them (a test checks the two agree).
public enum AnalysisColumns {
    public typealias Doc = (name: String, meaning: String, unit: String)

    public static let statistics: [Doc] = [
        ("run_id", "the run's number, as in runs.csv", "run"),
        ("point", "the design point", "point"),
        ("replication", "the replication at this point", "replication"),
        ("variant", "main or a variant's name", "text"),
        ("status", "how the run ended: ok (the only runs analysed)", "text"),
        ("subject", "an asset; `sector/asset` for a sector's flows; `all` for the whole market; `run` for runs.csv's metrics, repeated here", "text"),
        ("metric", "the statistic (below)", "text"),
        ("lag", "the lag of an autocorrelation; empty for the others", "steps"),
        ("value", "the run's value", "as the metric"),
    ]

    public static let summary: [Doc] = [
        ("point", "the design point", "point"),
        ("<key>", "the value of each swept key at this point", "as the key"),
        ("variant", "main or a variant's name", "text"),
        ("statistic", "level: the variant's runs; difference: the variant minus main, paired on the same seed", "text"),
        ("subject", "as in statistics.csv", "text"),
        ("metric", "as in statistics.csv", "text"),
        ("lag", "as in statistics.csv", "steps"),
        ("n", "runs (or pairs) that have the metric", "runs"),
        ("mean", "mean over them", "as the metric"),
        ("sd", "sample standard deviation (n - 1); empty when n < 2", "as the metric"),
        ("ci_low", "lower end of the 95% confidence interval for the mean, from Student's t (GSL); empty when n < 2", "as the metric"),
        ("ci_high", "upper end of that interval", "as the metric"),
        ("p10", "10th percentile over them (GSL's interpolation)", "as the metric"),
        ("median", "median over them", "as the metric"),
        ("p90", "90th percentile over them", "as the metric"),
    ]

    /// The metrics of statistics.csv, by subject (besides runs.csv's metrics, subject `run`); each
    /// needs timeseries.csv with every step kept, except the flow metrics (flows.csv).
    public static let metrics: [Doc] = [
        ("volatility", "asset: standard deviation of the daily log return", "log points"),
        ("excess_kurtosis", "asset: excess kurtosis of the daily log return (0 for a normal distribution)", "1"),
        ("hill_tail_index", "asset: Hill's tail index on the largest `--tail-fraction` (5%) of absolute daily returns; smaller is fatter", "1"),
        ("acf_return", "asset: autocorrelation of daily log returns at `lag` (1 to `--max-lag`, at most a quarter of the steps)", "1"),
        ("acf_abs_return", "asset: autocorrelation of absolute daily log returns at `lag` (volatility clustering)", "1"),
        ("yield_change_sd", "bond: standard deviation of the daily change of the bond's annual yield (`yield_<bond>`)", "fraction per year"),
        ("peak_to_trough", "asset: the deepest fall from a running peak of the price, the price before step 1 included (negative)", "fraction"),
        ("trough_step", "asset: the step of that deepest point", "step"),
        ("first_drawdown_step", "asset: the first step the price is `--drawdown` (10%) or more below its running peak; absent if never", "step"),
        ("drawdown_rank", "asset: 1 for the asset with the deepest peak_to_trough in the run, 2 for the next, ...", "rank"),
        ("forced_share", "asset: units sold by forced sellers over units traded, over the run", "fraction"),
        ("forced_share_in_drawdown", "asset: the same over the steps the price is `--drawdown` or more below its running peak; absent if none", "fraction"),
        ("halt_days", "asset: steps on which its market halted at its daily limit", "steps"),
        ("first_halt_step", "asset: the first step its market halted at its daily limit; all: the first step any market did; absent if none did", "step"),
        ("forced_sales_value", "all: value of forced sales (forced units x price, every asset) over the run", "$bn"),
        ("forced_sales_top_share", "all: share of that value sold on the `--tail-fraction` (5%) of steps with the most (clustering; spread evenly it is 0.05); absent without forced sales", "fraction"),
        ("forced_sales_acf", "all: lag-1 autocorrelation of the daily value of forced sales (clustering in time)", "1"),
        ("redemptions_paid", "all: hedge-fund redemptions paid to investors over the run", "$bn"),
        ("credit_spread_mean", "all: mean of `credit_spread` (the hyperscalers' bond yield minus the government's) over the steps", "fraction per year"),
        ("credit_spread_min", "all: the lowest `credit_spread` over the steps", "fraction per year"),
        ("net_value", "sector/asset: cash paid for purchases less cash received for sales, over the run", "$bn"),
        ("sales_value", "sector/asset: cash received in the kept windows where the sector sold on net", "$bn"),
        ("forced_units", "sector/asset: units the sector sold under margin calls or liquidations", "bn units"),
        ("first_sale_step", "sector/asset: the first kept step the sector sold the asset on net; absent if never", "step"),
    ]

    /// The header of a table documented by `docs` for the swept keys `keys`.
    public static func header(_ docs: [Doc], keys: [String]) -> [String] {
        docs.flatMap { $0.name == "<key>" ? keys : [$0.name] }
    }
}
