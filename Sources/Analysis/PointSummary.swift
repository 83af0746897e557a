import Output
import Simulation
import Stochastics

/// The statistics of one design point's runs, summarised per variant as summary.csv does for
/// runs.csv: the level over the variant's runs, and its difference from `main` paired on the
/// replication (the same seed). Statistics a run lacks (say, no drawdown deep enough) leave it out.
struct PointSummary {
    let point: String
    let keyValues: [String]
    private var variants: [String] = []
    /// subject, metric, lag of every statistic seen, in first-seen order (so output never depends
    /// on a dictionary's order)
    private var order: [Key] = []
    private var seen: Set<Key> = []
    private var values: [String: [String: [Key: Double]]] = [:]   // variant -> replication -> statistic

    struct Key: Hashable {
        let subject: String, metric: String, lag: Int?
    }

    init(point: String, keyValues: [String]) { (self.point, self.keyValues) = (point, keyValues) }

    mutating func add(variant: String, replication: String, _ statistics: [Statistic]) {
        if !variants.contains(variant) { variants.append(variant) }
        var run: [Key: Double] = [:]
        for s in statistics {
            let key = Key(subject: s.subject, metric: s.name, lag: s.lag)
            if seen.insert(key).inserted { order.append(key) }
            run[key] = s.value
        }
        values[variant, default: [:]][replication] = run
    }

    func write(to out: CSVWriter) throws {
        let main = values["main", default: [:]]
        for variant in variants {
            let mine = values[variant, default: [:]]
            let replications = mine.keys.sorted { (Int($0) ?? 0, $0) < (Int($1) ?? 0, $1) }
            for key in order {
                try emit(out, variant, "level", key, replications.compactMap { mine[$0]?[key] })
            }
            guard variant != "main" else { continue }
            for key in order {
                try emit(out, variant, "difference", key, replications.compactMap { r in
                    guard let v = mine[r]?[key], let m = main[r]?[key] else { return nil }
                    return v - m
                })
            }
        }
    }

    private func emit(_ out: CSVWriter, _ variant: String, _ statistic: String, _ key: Key,
                      _ xs: [Double]) throws {
        let xs = xs.filter(\.isFinite)
        guard !xs.isEmpty else { return }
        let s = Statistics.meanInterval(xs)
        let q = Statistics.quantiles(xs, [0.1, 0.5, 0.9])
        let stats = ([s.mean, s.sd, s.low, s.high] + q).map { $0.isFinite ? CSVWriter.format($0) : "" }
        try out.writeRow([point] + keyValues + [variant, statistic, key.subject, key.metric,
                                                key.lag.map(String.init) ?? "", String(xs.count)] + stats)
    }
}
