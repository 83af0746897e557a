internal import CGSL

/// Counts of values in equal-width bins over [lower, upper), built with `gsl_histogram`.
/// Values outside the range are counted in `outOfRange`, not silently dropped.
public struct Histogram: Sendable, Equatable {
    public let edges: [Double]
    public let counts: [Double]
    public let outOfRange: Int

    public init(_ xs: [Double], bins: Int, lower: Double, upper: Double) throws(GSLError) {
        _ = GSLRuntime.ready
        guard bins > 0, lower < upper, lower.isFinite, upper.isFinite else {
            throw GSLError(status: Int32(GSL_EDOM), operation: "gsl_histogram_set_ranges_uniform")
        }
        guard let h = gsl_histogram_alloc(bins) else {
            throw GSLError(status: Int32(GSL_ENOMEM), operation: "gsl_histogram_alloc")
        }
        defer { gsl_histogram_free(h) }
        try GSLRuntime.check(gsl_histogram_set_ranges_uniform(h, lower, upper),
                             "gsl_histogram_set_ranges_uniform")
        var outside = 0
        for x in xs where gsl_histogram_increment(h, x) != GSL_SUCCESS { outside += 1 }
        edges = (0...bins).map { i in i < bins ? gsl_histogram_get_range_lower(h, i) : upper }
        counts = (0..<bins).map { gsl_histogram_get(h, $0) }
        outOfRange = outside
    }
}

private func gsl_histogram_get_range_lower(_ h: UnsafeMutablePointer<gsl_histogram>, _ i: Int) -> Double {
    var lo = 0.0, hi = 0.0
    _ = gsl_histogram_get_range(h, i, &lo, &hi)
    return lo
}
