import Stochastics

/// One statistic of one run: of an asset, of a sector's trades in an asset (`sector/asset`), or
/// of the whole market (`all`). `lag` is set for autocorrelations only.
public struct Statistic: Sendable {
    public let subject: String
    public let name: String
    public let lag: Int?
    public let value: Double
}

/// What the statistics look at: how many autocorrelation lags, how much of the tail, how deep a
/// fall from the running peak counts as a drawdown, how many first steps to leave out.
public struct AnalysisSettings: Sendable {
    public var maxLag: Int
    public var tailFraction: Double
    public var drawdown: Double
    public var burnIn: Int

    public init(maxLag: Int = 50, tailFraction: Double = 0.05, drawdown: Double = 0.10, burnIn: Int = 0) {
        (self.maxLag, self.tailFraction, self.drawdown, self.burnIn) = (maxLag, tailFraction, drawdown, burnIn)
    }
}

/// The statistics of one run's daily series: return distribution and dependence, drawdowns and
/// their order across assets, and how much of the selling was forced.
enum SeriesStatistics {
    static func of(_ s: RunSeries, assets: [String], settings: AnalysisSettings) -> [Statistic] {
        var out: [Statistic] = []
        func add(_ subject: String, _ name: String, _ value: Double?, lag: Int? = nil) {
            if let value, value.isFinite { out.append(Statistic(subject: subject, name: name, lag: lag, value: value)) }
        }
        let n = s.steps.count
        var depths: [Double] = []
        for (a, asset) in assets.enumerated() {
            let r = s.logReturns[a]
            let sd = n >= 4 ? Statistics.sd(r) : 0
            if sd > 0 {
                let absolute = r.map(abs)
                add(asset, "volatility", sd)
                add(asset, "excess_kurtosis", Statistics.excessKurtosis(r))
                add(asset, "hill_tail_index", Statistics.hillTailIndex(absolute, tailFraction: settings.tailFraction))
                for lag in stride(from: 1, through: min(settings.maxLag, n / 4), by: 1) {
                    add(asset, "acf_return", Statistics.autocorrelation(r, lag: lag), lag: lag)
                    add(asset, "acf_abs_return", Statistics.autocorrelation(absolute, lag: lag), lag: lag)
                }
            }
            let path = Drawdown(prices: s.prices[a], initial: s.initialPrice(a))
            depths.append(path.deepest)
            add(asset, "peak_to_trough", path.deepest)
            add(asset, "trough_step", Double(s.steps[path.trough]))
            add(asset, "first_drawdown_step", path.depth.firstIndex { $0 <= -settings.drawdown }.map { Double(s.steps[$0]) })
            let volume = s.volumes[a], forced = s.forcedVolumes[a]
            add(asset, "forced_share", share(forced.reduce(0, +), of: volume.reduce(0, +)))
            let falling = path.depth.indices.filter { path.depth[$0] <= -settings.drawdown }
            add(asset, "forced_share_in_drawdown", share(falling.reduce(0) { $0 + forced[$1] }, of: falling.reduce(0) { $0 + volume[$1] }))
            if !s.halted.isEmpty {
                add(asset, "halt_days", Double(s.halted[a].filter { $0 > 0 }.count))
                add(asset, "first_halt_step", s.halted[a].firstIndex { $0 > 0 }.map { Double(s.steps[$0]) })
            }
        }
        let order = depths.indices.sorted { (depths[$0], $0) < (depths[$1], $1) }
        for (rank, a) in order.enumerated() { add(assets[a], "drawdown_rank", Double(rank + 1)) }

        let forcedValue = (0..<n).map { t in assets.indices.reduce(0) { $0 + s.forcedVolumes[$1][t] * s.prices[$1][t] } }
        let total = forcedValue.reduce(0, +)
        if total > 0 {
            let k = max(Int((settings.tailFraction * Double(n)).rounded(.up)), 1)
            add("all", "forced_sales_top_share", forcedValue.sorted(by: >).prefix(k).reduce(0, +) / total)
            if n >= 3 { add("all", "forced_sales_acf", Statistics.autocorrelation(forcedValue, lag: 1), lag: 1) }
        }
        add("all", "forced_sales_value", total)
        if !s.halted.isEmpty {
            add("all", "first_halt_step", (0..<n).first { t in assets.indices.contains { s.halted[$0][t] > 0 } }.map { Double(s.steps[$0]) })
        }
        add("all", "redemptions_paid", s.redemptionsPaid.reduce(0, +))
        for (b, bond) in s.bonds.enumerated() where n >= 5 {
            add(bond, "yield_change_sd", Statistics.sd(zip(s.yields[b].dropFirst(), s.yields[b]).map { $0 - $1 }))
        }
        if !s.creditSpread.isEmpty {
            add("all", "credit_spread_mean", Statistics.mean(s.creditSpread))
            add("all", "credit_spread_min", s.creditSpread.min())
        }
        return out
    }

    private static func share(_ part: Double, of whole: Double) -> Double? { whole > 0 ? part / whole : nil }
}

/// A price path's fall from its running peak (the price before the first step included).
struct Drawdown {
    /// price / running peak - 1 at each step (0 at a new peak, negative below it)
    let depth: [Double]
    /// the index of the deepest point
    let trough: Int
    var deepest: Double { depth[trough] }

    init(prices: [Double], initial: Double) {
        var peak = initial, depth: [Double] = [], trough = 0
        for (t, p) in prices.enumerated() {
            peak = max(peak, p)
            depth.append(p / peak - 1)
            if depth[t] < depth[trough] { trough = t }
        }
        (self.depth, self.trough) = (depth, trough)
    }
}
