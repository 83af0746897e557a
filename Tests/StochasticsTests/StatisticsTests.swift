import Foundation
import Testing
@testable import Stochastics

@Suite struct StatisticsTests {
    let data = [1.0, 2, 3, 4]

    @Test func momentsMatchHandComputedValues() {
        #expect(Statistics.mean(data) == 2.5)
        #expect(abs(Statistics.sd(data) - (5.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(Statistics.variance(data) - 5.0 / 3) < 1e-15)
        #expect(abs(Statistics.skewness(data)) < 1e-15)
        // GSL: mean of ((x - m)/s)^4 with the n-1 sd, minus 3: (2 * 0.0225 + 2 * 1.8225) / 4 - 3.
        #expect(abs(Statistics.excessKurtosis(data) - (-2.0775)) < 1e-12)
        #expect(abs(Statistics.skewness([1, 1, 1, 10]) - 0.75) < 1e-12)
    }

    @Test func quantilesInterpolateSortedData() {
        #expect(Statistics.quantile([3, 1, 2], 0.5) == 2)
        #expect(Statistics.quantile([5, 4, 3, 2, 1], 0.25) == 2)
        #expect(Statistics.quantile([1, 2], 0.5) == 1.5)
        #expect(Statistics.quantiles([10, 0, 5], [0, 1]) == [0, 10])
    }

    @Test func autocorrelationAgreesWithGSLAtLagOne() {
        let s = RandomStream(seed: Seed(11))
        let xs = (0..<500).map { _ in s.gaussian() }
        #expect(abs(Statistics.autocorrelation(xs, lag: 1) - Statistics.lag1Autocorrelation(xs)) < 1e-12)
        #expect(Statistics.autocorrelation(xs, lag: 0) == 1)
    }

    @Test func hillEstimatorRecoversParetoTailIndexOverSeeds() {
        // Hill on the top 5% of 4,000 Pareto(3) draws: k = 200, so alpha-hat is about a
        // Gamma-based estimate with sd about 3 / sqrt(200) = 0.21. The mean over 20 seeds has sd
        // about 0.05, so 3 +/- 0.2 (4 sd) fails only if the estimator is biased.
        let estimates = (1...20).map { seed -> Double in
            let s = RandomStream(seed: Seed(UInt64(seed)))
            return Statistics.hillTailIndex((0..<4000).map { _ in s.pareto(a: 3, b: 1) })!
        }
        #expect(abs(Statistics.mean(estimates) - 3) < 0.2)
        // A Gaussian's tail is thin: the same estimate over its absolute values is far larger
        // (about 6, sd about 0.4, at this tail fraction and size), so 4.5 is about 4 sd below.
        let s = RandomStream(seed: Seed(5))
        let gaussian = Statistics.hillTailIndex((0..<4000).map { _ in abs(s.gaussian()) })!
        #expect(gaussian > 4.5)
        #expect(Statistics.hillTailIndex([1, 2, 3]) == nil)
    }

    @Test func autocorrelationOfAlternatingSeriesIsMinusOne() {
        let xs = (0..<100).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        #expect(abs(Statistics.autocorrelation(xs, lag: 1) - (-0.99)) < 1e-12)
        #expect(abs(Statistics.autocorrelation(xs, lag: 2) - 0.98) < 1e-12)
    }

    @Test func histogramCountsEachBinAndReportsOutliers() throws {
        let h = try Histogram([0.1, 0.2, 0.6, 0.99, 1.0, -0.5], bins: 2, lower: 0, upper: 1)
        #expect(h.edges == [0, 0.5, 1])
        #expect(h.counts == [2, 2])
        #expect(h.outOfRange == 2)
        #expect(throws: GSLError.self) { try Histogram([], bins: 0, lower: 0, upper: 1) }
    }
}
