import Foundation
import Testing
@testable import Stochastics

/// Moments of each distribution against their exact values. With n draws the sample mean has
/// standard error sd/sqrt(n); every check allows 5 standard errors, so a correct sampler fails a given
/// check with probability below 6e-7, and the seeds are fixed so the suite is deterministic anyway.
@Suite struct DistributionTests {
    let n = 200_000

    func draws(_ seed: UInt64, _ draw: (RandomStream) -> Double) -> [Double] {
        let s = RandomStream(seed: Seed(seed))
        return (0..<n).map { _ in draw(s) }
    }

    func expectMean(_ xs: [Double], _ mean: Double, sd: Double, _ what: String) {
        let se = sd / Double(xs.count).squareRoot()
        #expect(abs(Statistics.mean(xs) - mean) < 5 * se, "\(what): mean \(Statistics.mean(xs)) vs \(mean)")
    }

    @Test func uniformHasMeanHalfAndVarianceTwelfth() {
        let xs = draws(1) { $0.uniform() }
        expectMean(xs, 0.5, sd: (1.0 / 12).squareRoot(), "uniform")
        // Var of s^2 for U(0,1): (mu4 - sigma^4)/n = (1/80 - 1/144)/n.
        let seVar = ((1.0 / 80 - 1.0 / 144) / Double(n)).squareRoot()
        #expect(abs(Statistics.variance(xs) - 1.0 / 12) < 5 * seVar)
        #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        let ab = draws(2) { $0.uniform(-3, 5) }
        expectMean(ab, 1, sd: 8 / 12.0.squareRoot(), "uniform(-3,5)")
    }

    @Test func gaussianZigguratHasNormalMoments() {
        let xs = draws(3) { $0.gaussian(mean: 2, sd: 3) }
        expectMean(xs, 2, sd: 3, "gaussian")
        // SE of sample sd ~ sigma / sqrt(2n); of skewness sqrt(6/n); of excess kurtosis sqrt(24/n).
        #expect(abs(Statistics.sd(xs) - 3) < 5 * 3 / (2.0 * Double(n)).squareRoot())
        #expect(abs(Statistics.skewness(xs)) < 5 * (6.0 / Double(n)).squareRoot())
        #expect(abs(Statistics.excessKurtosis(xs)) < 5 * (24.0 / Double(n)).squareRoot())
    }

    @Test func lognormalMeanIsExpMuPlusHalfSigmaSquared() {
        let mu = 0.1, sigma = 0.4
        let xs = draws(4) { $0.lognormal(mu: mu, sigma: sigma) }
        let mean = exp(mu + sigma * sigma / 2)
        let sd = ((exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma)).squareRoot()
        expectMean(xs, mean, sd: sd, "lognormal")
        #expect(xs.allSatisfy { $0 > 0 })
    }

    @Test func studentTHasVarianceNuOverNuMinusTwo() {
        let nu = 10.0
        let xs = draws(5) { $0.studentT(nu: nu) }
        let variance = nu / (nu - 2)
        expectMean(xs, 0, sd: variance.squareRoot(), "student t")
        // Var(s^2) ~ sigma^4 (2 + excess kurtosis) / n, excess kurtosis 6/(nu-4) = 1.
        let seVar = variance * (3.0 / Double(n)).squareRoot()
        #expect(abs(Statistics.variance(xs) - variance) < 5 * seVar)
        #expect(Statistics.excessKurtosis(xs) > 0.5, "t(10) has fat tails: excess kurtosis 1")
    }

    @Test func poissonHasEqualMeanAndVariance() {
        let xs = draws(6) { Double($0.poisson(mean: 3.5)) }
        expectMean(xs, 3.5, sd: 3.5.squareRoot(), "poisson")
        // Var(s^2) ~ (mu4 - sigma^4)/n with mu4 = lambda(1 + 3 lambda).
        let seVar = ((3.5 * (1 + 3 * 3.5) - 3.5 * 3.5) / Double(n)).squareRoot()
        #expect(abs(Statistics.variance(xs) - 3.5) < 5 * seVar)
    }

    @Test func exponentialIsParameterisedByItsMean() {
        let xs = draws(7) { $0.exponential(mean: 2.5) }
        expectMean(xs, 2.5, sd: 2.5, "exponential")
    }

    @Test func betaHasMeanAOverAPlusB() {
        let a = 2.0, b = 5.0
        let xs = draws(8) { $0.beta(a, b) }
        let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        expectMean(xs, a / (a + b), sd: sd, "beta")
    }

    @Test func bernoulliFrequencyMatchesP() {
        let xs = draws(9) { $0.bernoulli(0.3) ? 1 : 0 }
        expectMean(xs, 0.3, sd: (0.3 * 0.7).squareRoot(), "bernoulli")
    }

    @Test func discreteChoiceFrequenciesMatchWeights() throws {
        let weights = [1.0, 0, 3, 6]
        let choice = try DiscreteChoice(weights: weights)
        let s = RandomStream(seed: Seed(10))
        var counts = [0, 0, 0, 0]
        for _ in 0..<n { counts[choice.sample(s)] += 1 }
        #expect(counts[1] == 0, "zero weight is never chosen")
        for (i, w) in weights.enumerated() where w > 0 {
            let p = w / 10
            let se = (p * (1 - p) / Double(n)).squareRoot()
            #expect(abs(Double(counts[i]) / Double(n) - p) < 5 * se, "category \(i)")
        }
    }

    @Test func discreteChoiceRejectsInvalidWeights() {
        #expect(throws: GSLError.self) { try DiscreteChoice(weights: []) }
        #expect(throws: GSLError.self) { try DiscreteChoice(weights: [0, 0]) }
        #expect(throws: GSLError.self) { try DiscreteChoice(weights: [1, -1]) }
        #expect(throws: GSLError.self) { try DiscreteChoice(weights: [1, .nan]) }
    }
}
