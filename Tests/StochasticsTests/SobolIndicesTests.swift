import Foundation
import TestSupport
import Testing
@testable import Stochastics

/// Sobol indices on the Ishigami function, whose indices are known: S = 0.3139, 0.4424, 0;
/// ST = 0.5576, 0.4424, 0.2437 (`Ishigami`).
@Suite struct SobolIndicesTests {
    static let first = Ishigami.first, total = Ishigami.total

    /// Outputs of a Saltelli design of `rows` rows, split into f(A), f(B) and f(AB_i).
    static func outputs(rows: Int) throws -> (a: [Double], b: [Double], ab: [[Double]]) {
        let y = try SobolIndices.saltelliPoints(rows: rows, inputs: 3).map(Ishigami.value)
        let blocks = stride(from: 0, to: y.count, by: 5).map { Array(y[$0..<($0 + 5)]) }
        return (blocks.map { $0[0] }, blocks.map { $0[1] }, (0..<3).map { i in blocks.map { $0[2 + i] } })
    }

    /// The design's rows: A and B from one Sobol sequence, each AB_i equal to A but in column i, which is B's.
    @Test func saltelliPointsAreABAndACrossedWithB() throws {
        let p = try SobolIndices.saltelliPoints(rows: 8, inputs: 3)
        #expect(p.count == 8 * 5)
        for j in 0..<8 {
            let a = p[5 * j], b = p[5 * j + 1]
            #expect(a != b)
            for i in 0..<3 {
                let ab = p[5 * j + 2 + i]
                #expect(ab[i] == b[i] && (0..<3).filter { $0 != i }.allSatisfy { ab[$0] == a[$0] })
            }
        }
    }

    /// Jansen's estimators recover the known indices. With 8,192 quasi-random rows the bootstrap's 95%
    /// half-widths are about 0.02 (printed on failure), so a 0.03 tolerance is over two standard errors
    /// of the estimate; and each interval holds the true value.
    @Test func jansenRecoversTheIshigamiIndices() throws {
        let (a, b, ab) = try Self.outputs(rows: 8192)
        let indices = try #require(SobolIndices.indices(a: a, b: b, ab: ab, resamples: 200, stream: RandomStream(seed: Seed(3))))
        for i in 0..<3 {
            let x = indices[i]
            #expect(abs(x.first - Self.first[i]) < 0.03, "S\(i + 1) = \(x.first) \(x.firstInterval)")
            #expect(abs(x.total - Self.total[i]) < 0.03, "ST\(i + 1) = \(x.total) \(x.totalInterval)")
            #expect(x.firstInterval.lowerBound - 0.005 <= Self.first[i] && Self.first[i] <= x.firstInterval.upperBound + 0.005)
            #expect(x.totalInterval.contains(Self.total[i]), "ST\(i + 1) = \(x.total) \(x.totalInterval)")
        }
    }

    /// An output that does not vary has no indices.
    @Test func aConstantOutputHasNone() {
        #expect(SobolIndices.jansen(a: [1, 1], b: [1, 1], ab: [[1, 1]]) == nil)
    }
}
