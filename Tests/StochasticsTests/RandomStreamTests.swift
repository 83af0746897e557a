import Testing
@testable import Stochastics

@Suite struct RandomStreamTests {
    @Test func sameSeedGivesSameStream() {
        for generator in Generator.allCases {
            let a = RandomStream(seed: Seed(42), generator: generator)
            let b = RandomStream(seed: Seed(42), generator: generator)
            let xs = (0..<1000).map { _ in a.gaussian() }
            let ys = (0..<1000).map { _ in b.gaussian() }
            #expect(xs == ys, "generator \(generator)")
        }
    }

    @Test func differentMasterSeedsGiveDifferentStreams() {
        let a = RandomStream(seed: Seed(1)), b = RandomStream(seed: Seed(2))
        #expect((0..<100).map { _ in a.nextRaw() } != (0..<100).map { _ in b.nextRaw() })
    }

    @Test func derivedStreamsDifferBetweenSiblingsAndFromParent() {
        let root = Seed(7)
        let seeds = [root, root.child("run", 0), root.child("run", 1), root.child("agent", 0),
                     root.child("run", 0).child("agent", 0), root.child("run", 1).child("agent", 0)]
        #expect(Set(seeds.map(\.gslSeed)).count == seeds.count)
        let firstDraws = seeds.map { seed in
            let s = RandomStream(seed: seed)
            return (0..<8).map { _ in s.nextRaw() }
        }
        #expect(Set(firstDraws).count == seeds.count)
    }

    @Test func derivationDependsOnlyOnThePath() {
        // The same path gives the same seed whatever else was derived before or in between.
        let a = Seed(99).child("run", 5).child("hedge_fund", 3)
        _ = (0..<1000).map { Seed(99).child("run", $0) }
        let b = Seed(99).child("run", 5).child("hedge_fund", 3)
        #expect(a == b)
    }

    @Test func derivedSeedsRarelyCollide() {
        // 20,000 sibling seeds in 32 bits: expected collisions 20000^2 / 2^33 = 0.047, so P(>= 2) < 0.002.
        let seeds = (0..<20_000).map { Seed(2026).child("replication", $0).gslSeed }
        #expect(seeds.count - Set(seeds).count <= 1)
    }

    @Test func childStreamMatchesStreamFromChildSeed() {
        let parent = RandomStream(seed: Seed(5), generator: .gfsr4)
        let child = parent.child("retail", 2)
        let direct = RandomStream(seed: Seed(5).child("retail", 2), generator: .gfsr4)
        #expect((0..<50).map { _ in child.uniform() } == (0..<50).map { _ in direct.uniform() })
    }
}
