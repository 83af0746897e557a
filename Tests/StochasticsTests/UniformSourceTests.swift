import Testing
@testable import Stochastics

/// The inline uniform source against GSL, the reference: the same numbers, in the same order, and
/// the stream carries on exactly where a loop left it.
@Suite struct UniformSourceTests {
    @Test func taus2IsSteppedInlineOnThisGSL() {
        #expect(UniformSource.inlineTaus2IsExact, "the fast path is off: taus2 streams call GSL per draw")
    }

    @Test(arguments: Generator.allCases)
    func drawsEqualGSLsAndTheStreamContinues(_ generator: Generator) {
        for seed: UInt64 in [1, 2, 2026, 123_456_789] {
            let fast = RandomStream(seed: Seed(seed), generator: generator)
            let reference = RandomStream(seed: Seed(seed), generator: generator)
            for length in [0, 1, 7, 10_000] {
                let inline = fast.withUniforms { source in (0..<length).map { _ in source.next() } }
                #expect(inline == (0..<length).map { _ in reference.uniform() }, "seed \(seed), \(length) draws")
                #expect(fast.gaussian() == reference.gaussian(), "GSL's own draws continue from the same state")
            }
        }
    }

    @Test func discreteSamplesEqualGSLs() throws {
        for weights in [[1.0, 1, 1], [0.2, 3, 0.7], [1, 0, 5, 2, 0.01], [7]] {
            let choice = try DiscreteChoice(weights: weights)
            let fast = RandomStream(seed: Seed(9)), reference = RandomStream(seed: Seed(9))
            let inline = fast.withUniforms { source in (0..<20_000).map { _ in choice.sample(&source) } }
            #expect(inline == (0..<20_000).map { _ in choice.sample(reference) }, "weights \(weights)")
        }
    }
}

extension UniformSourceTests {
    @Test func geometricGapsEqualGSLs() {
        for p in [1e-4, 0.05, 0.5, 0.999, 1] {
            let fast = RandomStream(seed: Seed(5)), reference = RandomStream(seed: Seed(5))
            let inline = fast.withUniforms { source in (0..<5_000).map { _ in source.geometric(p, cap: .max) } }
            #expect(inline == (0..<5_000).map { _ in reference.geometric(p) }, "p = \(p)")
        }
        let capped = RandomStream(seed: Seed(6)).withUniforms { source in (0..<100).map { _ in source.geometric(1e-9, cap: 10) } }
        #expect(capped.allSatisfy { $0 == 10 })
    }

    /// Fills shorter than a block of lanes, whole blocks, and blocks with a tail, one after another
    /// from one stream: the same draws as GSL's, and GSL's own draws carry on after them.
    @Test(arguments: Generator.allCases)
    func rawDrawsAreTheUniformsTimesTwoToThe32(_ generator: Generator) {
        let fast = RandomStream(seed: Seed(8), generator: generator), reference = RandomStream(seed: Seed(8), generator: generator)
        let block = UniformSource.laneBlock
        var raw: [UInt32] = [], uniforms: [Double] = []
        for length in [1_000, block, 3 * block + 17, 1, 2 * block] {
            let filled = fast.withUniforms { source in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: length) { buffer in
                    source.fill(buffer)
                    return Array(buffer)
                }
            }
            let expected = (0..<length).map { _ in reference.uniform() }
            #expect(filled.map { Double($0) / 4_294_967_296.0 } == expected, "\(length) draws")
            #expect(fast.gaussian() == reference.gaussian(), "GSL's own draws continue after \(length)")
            raw += filled
            uniforms += expected
        }
        for p in [0.0, 1e-9, 0.05, 0.1, 1.0 / 3, 0.999_999_9, 1] {
            let t = UniformSource.threshold(p)
            #expect(zip(raw, uniforms).allSatisfy { (UInt64($0) < t) == ($1 < p) }, "p = \(p)")
        }
    }
}
