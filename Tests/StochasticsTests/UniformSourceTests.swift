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
