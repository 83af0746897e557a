/// A position in the tree of random streams derived from one master seed.
///
/// Every stream in a run is named by a path of labels from the master seed, e.g.
/// `Seed(master).child("run", 3).child("hedge_fund", 7)`. The path is hashed with SplitMix64, so a
/// stream's numbers depend only on (master seed, path): never on thread count, visiting order or how
/// many other streams exist. Siblings with different labels or indices give unrelated seeds.
///
/// GSL generators take 32-bit seeds, so two distinct paths collide with probability 2^-32; with n
/// streams in one run the chance of any collision is about n^2 / 2^33 (under 1e-4 for 900 streams).
/// Large populations (retail traders) therefore share one stream per population, drawn in index order.
public struct Seed: Hashable, Sendable, CustomStringConvertible {
    /// The 64-bit state of this node of the tree.
    public let value: UInt64

    public init(_ master: UInt64) { value = Seed.mix(master ^ 0x6472_7970_6f77_6472) }  // "drypowdr"

    private init(state: UInt64) { value = state }

    /// The seed of a child stream named `label`, optionally indexed (agent 7, replication 3).
    public func child(_ label: String, _ index: Int = 0) -> Seed {
        var h = value
        for byte in label.utf8 { h = Seed.mix(h ^ UInt64(byte)) }
        h = Seed.mix(h ^ UInt64(bitPattern: Int64(index)) ^ 0x9E37_79B9_7F4A_7C15)
        return Seed(state: h)
    }

    /// The 32-bit seed handed to GSL; never 0 (GSL maps 0 to its default seed).
    public var gslSeed: UInt32 {
        let folded = UInt32(truncatingIfNeeded: value ^ (value >> 32))
        return folded == 0 ? 0x5EED : folded
    }

    public var description: String { String(gslSeed) }

    /// SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijection with full avalanche.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
