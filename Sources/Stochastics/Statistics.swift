import Foundation
internal import CGSL

/// Descriptive statistics over buffers of doubles, computed by GSL (`gsl_stats_*`).
/// Every function expects a non-empty buffer of finite values; results follow GSL's definitions
/// (sample sd with n-1, kurtosis reported as *excess* kurtosis).
public enum Statistics {
    public static func mean(_ xs: [Double]) -> Double {
        xs.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// Sample standard deviation (divides by n-1).
    public static func sd(_ xs: [Double]) -> Double {
        xs.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress, 1, $0.count) }
    }

    public static func variance(_ xs: [Double]) -> Double {
        xs.withUnsafeBufferPointer { gsl_stats_variance($0.baseAddress, 1, $0.count) }
    }

    public static func skewness(_ xs: [Double]) -> Double {
        xs.withUnsafeBufferPointer { gsl_stats_skew($0.baseAddress, 1, $0.count) }
    }

    /// Excess kurtosis: 0 for a normal distribution.
    public static func excessKurtosis(_ xs: [Double]) -> Double {
        xs.withUnsafeBufferPointer { gsl_stats_kurtosis($0.baseAddress, 1, $0.count) }
    }

    /// The `p`-quantile (0...1) by GSL's linear interpolation on the sorted data.
    public static func quantile(_ xs: [Double], _ p: Double) -> Double {
        var sorted = xs
        return sorted.withUnsafeMutableBufferPointer {
            gsl_sort($0.baseAddress, 1, $0.count)
            return gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, p)
        }
    }

    /// Several quantiles with one sort.
    public static func quantiles(_ xs: [Double], _ ps: [Double]) -> [Double] {
        var sorted = xs
        return sorted.withUnsafeMutableBufferPointer { buf in
            gsl_sort(buf.baseAddress, 1, buf.count)
            return ps.map { gsl_stats_quantile_from_sorted_data(buf.baseAddress, 1, buf.count, $0) }
        }
    }

    /// Sample autocorrelation at `lag`: sum (x_t - m)(x_{t+lag} - m) / sum (x_t - m)^2.
    /// At lag 1 this equals GSL's `gsl_stats_lag1_autocorrelation`.
    public static func autocorrelation(_ xs: [Double], lag: Int) -> Double {
        precondition(lag >= 0 && lag < xs.count, "lag must lie in 0..<count")
        let m = mean(xs)
        var num = 0.0, den = 0.0
        for t in xs.indices {
            let d = xs[t] - m
            den += d * d
            if t + lag < xs.count { num += d * (xs[t + lag] - m) }
        }
        return den > 0 ? num / den : 0
    }

    /// GSL's own lag-1 autocorrelation (used to cross-check `autocorrelation(_:lag:)`).
    public static func lag1Autocorrelation(_ xs: [Double]) -> Double {
        xs.withUnsafeBufferPointer { gsl_stats_lag1_autocorrelation($0.baseAddress, 1, $0.count) }
    }

    /// Hill's estimate of the tail index alpha from the largest `tailFraction` of `xs` (positive
    /// values, e.g. absolute returns): with the order statistics x(1) >= x(2) >= ..., and k of them in
    /// the tail, 1 / alpha = mean over i <= k of log(x(i) / x(k+1)). A Pareto tail with index a gives
    /// alpha near a; a Gaussian's thin tail gives a large alpha. Nil when the tail holds fewer than
    /// two values or x(k+1) is not positive.
    public static func hillTailIndex(_ xs: [Double], tailFraction: Double = 0.05) -> Double? {
        let k = Int((tailFraction * Double(xs.count)).rounded(.up))
        guard k >= 2, k < xs.count else { return nil }
        var sorted = xs
        sorted.withUnsafeMutableBufferPointer { gsl_sort($0.baseAddress, 1, $0.count) }
        let threshold = sorted[sorted.count - 1 - k]
        guard threshold > 0 else { return nil }
        var sum = 0.0
        for x in sorted[(sorted.count - k)...] { sum += Foundation.log(x / threshold) }
        return sum > 0 ? Double(k) / sum : nil
    }

    /// The `p`-quantile of Student's t distribution with `dof` degrees of freedom (`gsl_cdf_tdist_Pinv`).
    public static func studentTQuantile(_ p: Double, dof: Double) -> Double {
        gsl_cdf_tdist_Pinv(p, dof)
    }

    /// Mean, sample sd and the two-sided confidence interval for the mean from Student's t
    /// (mean ± t(1 - (1 - level)/2, n - 1) · sd / sqrt(n)). With one value, sd and the interval are NaN.
    public static func meanInterval(_ xs: [Double], level: Double = 0.95) -> (mean: Double, sd: Double, low: Double, high: Double) {
        precondition(!xs.isEmpty, "meanInterval needs at least one value")
        let m = mean(xs)
        guard xs.count > 1 else { return (m, .nan, .nan, .nan) }
        let s = sd(xs)
        let half = studentTQuantile(1 - (1 - level) / 2, dof: Double(xs.count - 1)) * s / Double(xs.count).squareRoot()
        return (m, s, m - half, m + half)
    }
}
