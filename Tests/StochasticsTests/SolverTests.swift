import Foundation
import Testing
@testable import Stochastics

@Suite struct SolverTests {
    @Test func brentFindsKnownRoots() throws {
        let sqrt2 = try Brent.root(in: 0, 2) { $0 * $0 - 2 }
        #expect(abs(sqrt2 - 2.0.squareRoot()) < 1e-12)
        let dottie = try Brent.root(in: 0, 1) { cos($0) - $0 }
        #expect(abs(dottie - 0.739_085_133_215_160_6) < 1e-12)
        #expect(try Brent.root(in: -1, 3) { $0 - 3 } == 3, "a root on the bracket's edge")
    }

    @Test func brentReportsANonBracketingIntervalAsAnError() {
        #expect(throws: RootFindingError.notBracketing(lower: -1, upper: 1, fLower: 2, fUpper: 2)) {
            try Brent.root(in: -1, 1) { $0 * $0 + 1 }
        }
    }

    @Test func brentReportsNonFiniteValuesAsAnError() {
        #expect(throws: RootFindingError.nonFinite(x: 1)) { try Brent.root(in: 0, 1) { $0 == 1 ? .nan : -1 } }
        #expect(throws: RootFindingError.self) {
            try Brent.root(in: -1, 1) { x in x > 0.3 && x < 0.9 ? .infinity : x - 0.5 }
        }
    }

    @Test func brentReportsNonConvergence() {
        #expect(throws: RootFindingError.self) {
            try Brent.root(in: 0, 10, relativeTolerance: 1e-15, maxIterations: 2) { exp($0) - 30 }
        }
    }

    @Test func nelderMeadMinimisesRosenbrock() throws {
        let m = try NelderMead.minimize(start: [-1.2, 1], steps: [0.5, 0.5], sizeTolerance: 1e-10) { v in
            let (x, y) = (v[0], v[1])
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
        }
        #expect(abs(m.point[0] - 1) < 1e-4 && abs(m.point[1] - 1) < 1e-4)
        #expect(m.value < 1e-8)
    }

    @Test func nelderMeadReportsNonFiniteObjective() {
        #expect(throws: MinimizationError.self) {
            try NelderMead.minimize(start: [0], steps: [1]) { _ in .nan }
        }
    }

    @Test func sobolPointsAreStratified() throws {
        // The first 2^k points of a Sobol sequence put exactly one point in each of 2^k equal bins,
        // in every dimension: the low-discrepancy property sweeps rely on. GSL omits the all-zero
        // first point, so its first 63 points fill bins 1...63.
        let sobol = try SobolSequence(dimensions: 3)
        let points = try (0..<63).map { _ in try sobol.next() }
        for d in 0..<3 {
            let bins = Set(points.map { Int($0[d] * 64) })
            #expect(bins == Set(1..<64), "dimension \(d)")
        }
        #expect(throws: GSLError.self) { try SobolSequence(dimensions: 41) }
    }

    @Test func gslVersionIsReported() {
        #expect(gslVersion.split(separator: ".").count >= 2)
    }
}
