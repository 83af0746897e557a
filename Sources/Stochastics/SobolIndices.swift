/// Variance-based sensitivity indices from a Saltelli design (Saltelli et al. 2010, "Variance based
/// sensitivity analysis of model output", CPC 181): the model evaluated on two independent samples A and B
/// of N rows, and on A^(i)_B, A with column i taken from B, for each of the k inputs.
public enum SobolIndices {
    /// One input's first-order index S_i (the share of output variance its own effect explains) and total
    /// index ST_i (its effect with every interaction), each with a percentile bootstrap interval.
    public struct Index: Sendable, Equatable {
        public var first: Double
        public var firstInterval: ClosedRange<Double>
        public var total: Double
        public var totalInterval: ClosedRange<Double>
    }

    /// The unit points of a Saltelli design with `rows` base rows and `inputs` inputs, in blocks of
    /// `inputs + 2` per row: A_j, B_j, then A_j with input i from B_j for each i. A and B are the two
    /// halves of one `2 inputs`-dimensional Sobol sequence, so at most 20 inputs, after its first point
    /// (0.5 in every dimension, where A and B would coincide).
    public static func saltelliPoints(rows: Int, inputs k: Int) throws(GSLError) -> [[Double]] {
        let sobol = try SobolSequence(dimensions: 2 * k)
        _ = try sobol.next()
        var points: [[Double]] = []
        points.reserveCapacity(rows * (k + 2))
        for _ in 0..<rows {
            let r = try sobol.next()
            let a = Array(r[0..<k]), b = Array(r[k..<(2 * k)])
            points.append(a)
            points.append(b)
            for i in 0..<k {
                var ab = a
                ab[i] = b[i]
                points.append(ab)
            }
        }
        return points
    }

    /// Jansen's estimators (Saltelli et al. 2010, Table 2, b and f), with V the variance of the outputs
    /// on A and B together: S_i = (V - mean((f(B) - f(AB_i))^2) / 2) / V, ST_i = mean((f(A) - f(AB_i))^2) / (2 V).
    /// `ab[i][j]` is the output at row j with input i from B. Nil when the outputs do not vary.
    public static func jansen(a: [Double], b: [Double], ab: [[Double]]) -> (first: [Double], total: [Double])? {
        let v = Statistics.variance(a + b)
        guard v > 0, v.isFinite else { return nil }
        let n = Double(a.count)
        let first = ab.map { column in
            (v - zip(b, column).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * n)) / v
        }
        let total = ab.map { column in zip(a, column).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * n * v) }
        return (first, total)
    }

    /// The indices with percentile intervals at `level` from `resamples` bootstrap resamples of the rows
    /// (drawn from `stream`). Nil when the outputs do not vary.
    public static func indices(a: [Double], b: [Double], ab: [[Double]], resamples: Int, level: Double = 0.95,
                               stream: RandomStream) -> [Index]? {
        guard let point = jansen(a: a, b: b, ab: ab) else { return nil }
        let n = a.count, k = ab.count
        var firsts = [[Double]](repeating: [], count: k), totals = [[Double]](repeating: [], count: k)
        for _ in 0..<resamples {
            let rows = (0..<n).map { _ in stream.uniformInt(n) }
            guard let r = jansen(a: rows.map { a[$0] }, b: rows.map { b[$0] }, ab: ab.map { c in rows.map { c[$0] } })
            else { continue }
            for i in 0..<k {
                firsts[i].append(r.first[i])
                totals[i].append(r.total[i])
            }
        }
        let tail = (1 - level) / 2
        func interval(_ xs: [Double], _ x: Double) -> ClosedRange<Double> {
            guard !xs.isEmpty else { return x...x }
            let q = Statistics.quantiles(xs, [tail, 1 - tail])
            return q[0]...q[1]
        }
        return (0..<k).map { i in
            Index(first: point.first[i], firstInterval: interval(firsts[i], point.first[i]),
                  total: point.total[i], totalInterval: interval(totals[i], point.total[i]))
        }
    }
}
