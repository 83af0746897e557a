import Output

/// The summary metrics of one run, as runs.csv carries them and summary.csv aggregates them.
/// `<asset>` stands for each asset's name.
public enum RunMetrics {
    public static let documented: [BatchColumns.Doc] = [
        ("return_<asset>", "price at the last step over the price before the first, minus 1", "fraction"),
        ("max_drawdown_<asset>", "largest fall from a running peak of the price (negative)", "fraction"),
        ("worst_day_<asset>", "the largest one-step fall of the price (negative)", "fraction"),
        ("yield_change", "government bond yield at the last step minus at the first", "fraction per year"),
        ("spread_change", "credit spread at the last step minus at the first", "fraction per year"),
        ("peak_yield_rise", "highest government bond yield over the run minus at the first step", "fraction per year"),
        ("peak_spread_rise", "highest credit spread over the run minus at the first step", "fraction per year"),
        ("liquidation_value", "value of retail positions liquidated over the run", "$bn"),
        ("peak_liquidation_day", "the largest value liquidated in one step", "$bn"),
        ("max_residual", "largest excess demand left unmatched in any round (a market that halted)", "bn units"),
        ("halt_days", "steps on which some market halted at its daily limit", "steps"),
        ("insolvent_dealer_steps", "steps on which some dealer's equity was zero or below (the model has no dealer default)",
         "steps"),
        ("max_accounting_error", "largest relative error of a stock-flow identity in any step", "fraction"),
    ]

    /// The metric names for these assets, in column order.
    public static func names(assets: [String]) -> [String] {
        BatchColumns.header(documented, keys: [], assets: assets)
    }

    /// For each of `values`: whether the metric is a whole number (a count of steps).
    static func wholeNumbers(assets: Int) -> [Bool] {
        documented.flatMap { Array(repeating: $0.unit == "steps", count: $0.name.contains("<asset>") ? assets : 1) }
    }

    /// The metric values of a finished run, in `names` order.
    static func values(_ s: RunSummary) -> [Double] {
        let n = s.assets.count
        return (0..<n).map { s.lastPrice[$0] / s.firstPrice[$0] - 1 } + s.maxDrawdown + s.worstDay + [
            s.yield.last - s.yield.first, s.spread.last - s.spread.first,
            s.yield.peak - s.yield.first, s.spread.peak - s.spread.first, s.liquidationValue,
            s.peakLiquidationDay, s.maxResidual, Double(s.health.haltDays), Double(s.health.insolventDealerSteps),
            s.maxAccountingError,
        ]
    }
}
