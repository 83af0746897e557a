internal import CGSL
import Foundation

/// Uniform draws on [0, 1) for loops over millions of agents, without a C call per draw.
///
/// For `taus2` the generator (L'Ecuyer's maximally equidistributed combined Tausworthe) is stepped
/// inline on a copy of the GSL stream's own state, which is written back when the loop ends: the
/// numbers are exactly `gsl_rng_uniform`'s, and the stream goes on where the loop left it. Other
/// generators call GSL for each draw. Obtain one from `RandomStream.withUniforms`.
public struct UniformSource {
    @usableFromInline var s1: UInt32
    @usableFromInline var s2: UInt32
    @usableFromInline var s3: UInt32
    /// The stream's GSL generator when it is not stepped inline.
    @usableFromInline let fallback: OpaquePointer?

    @inlinable @inline(__always)
    public mutating func next() -> Double {
        if let rng = fallback { return Self.gslUniform(rng) }
        return Self.step(&s1, &s2, &s3)
    }

    /// Trials up to and including the first success at probability `p` in (0, 1], at most `cap`:
    /// GSL's `gsl_ran_geometric` (the same formula on the same positive uniform), so a loop can
    /// jump from one rare event to the next instead of drawing for every agent.
    @inlinable
    public mutating func geometric(_ p: Double, cap: Int) -> Int { geometric(Geometric(p), cap: cap) }

    /// The same draw with log(1 - p) taken once, for a loop of them.
    @inlinable
    public mutating func geometric(_ law: Geometric, cap: Int) -> Int {
        var u = next()
        while u == 0 { u = next() }
        if law.p == 1 { return min(1, cap) }
        let k = Self.logarithm(u) / law.logFailure + 1
        return k < Double(cap) ? Int(k) : cap
    }

    @usableFromInline static func logarithm(_ x: Double) -> Double { Foundation.log(x) }

    /// The next `buffer.count` draws as raw 32-bit integers (the uniform is the integer / 2^32), for
    /// hot loops that take one draw per agent and have too many live values to keep the generator
    /// in registers themselves; they compare the draws with `threshold(_:)` instead of converting
    /// each to a Double. Whole blocks of `laneBlock` draws are made four at a time (`fillInLanes`).
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<UInt32>) {
        if let rng = fallback {
            for i in buffer.indices { buffer[i] = UInt32(Self.gslUniform(rng) * 4_294_967_296.0) }
            return
        }
        let lanes = buffer.count / Self.laneBlock * Self.laneBlock
        fillInLanes(UnsafeMutableBufferPointer(rebasing: buffer[0..<lanes]))
        var (a, b, c) = (s1, s2, s3)
        for i in lanes..<buffer.count { buffer[i] = Self.rawStep(&a, &b, &c) }
        (s1, s2, s3) = (a, b, c)
    }

    /// The integer T with raw < T exactly when raw / 2^32 < p (the division is exact).
    public static func threshold(_ p: Double) -> UInt64 {
        p <= 0 ? 0 : (p >= 1 ? 1 << 32 : UInt64((p * 4_294_967_296.0).rounded(.up)))
    }

    /// One taus2 step (GSL's `taus_get`, divided by 2^32 as `gsl_rng_uniform` does).
    @inlinable @inline(__always)
    static func step(_ s1: inout UInt32, _ s2: inout UInt32, _ s3: inout UInt32) -> Double {
        Double(rawStep(&s1, &s2, &s3)) / 4_294_967_296.0
    }

    @inlinable @inline(__always)
    static func rawStep(_ s1: inout UInt32, _ s2: inout UInt32, _ s3: inout UInt32) -> UInt32 {
        s1 = ((s1 & 0xFFFF_FFFE) &<< 12) ^ (((s1 &<< 13) ^ s1) &>> 19)
        s2 = ((s2 & 0xFFFF_FFF8) &<< 4) ^ (((s2 &<< 2) ^ s2) &>> 25)
        s3 = ((s3 & 0xFFFF_FFF0) &<< 17) ^ (((s3 &<< 3) ^ s3) &>> 11)
        return s1 ^ s2 ^ s3
    }

    @usableFromInline static func gslUniform(_ rng: OpaquePointer) -> Double {
        gsl_rng_uniform(UnsafePointer<gsl_rng>(rng))
    }

    init(_ stream: RandomStream) {
        if stream.generator == .taus2 && Self.inlineTaus2IsExact {
            let state = Self.tausState(stream.rng)
            (s1, s2, s3) = (UInt32(truncatingIfNeeded: state[0]), UInt32(truncatingIfNeeded: state[1]),
                            UInt32(truncatingIfNeeded: state[2]))
            fallback = nil
        } else {
            (s1, s2, s3) = (0, 0, 0)
            fallback = OpaquePointer(stream.rng)
        }
    }

    /// Hands the state back to the GSL generator it came from.
    func store(into stream: RandomStream) {
        guard fallback == nil else { return }
        let state = Self.tausState(stream.rng)
        (state[0], state[1], state[2]) = (UInt(s1), UInt(s2), UInt(s3))
    }

    /// GSL's taus2 state: three `unsigned long`s, each below 2^32.
    private static func tausState(_ rng: UnsafeMutablePointer<gsl_rng>) -> UnsafeMutablePointer<UInt> {
        gsl_rng_state(rng).assumingMemoryBound(to: UInt.self)
    }

    /// Checked once per process: the inline steps reproduce this GSL build's taus2 exactly (same
    /// state layout, same numbers). If not, taus2 streams call GSL for every draw instead.
    static let inlineTaus2IsExact: Bool = {
        _ = GSLRuntime.ready
        guard let rng = gsl_rng_alloc(drypowder_rng_taus2()) else { return false }
        defer { gsl_rng_free(rng) }
        guard gsl_rng_size(rng) == 3 * MemoryLayout<UInt>.size else { return false }
        gsl_rng_set(rng, 20_261_125)
        let state = tausState(rng)
        var source = UniformSource(s1: UInt32(truncatingIfNeeded: state[0]), s2: UInt32(truncatingIfNeeded: state[1]),
                                   s3: UInt32(truncatingIfNeeded: state[2]), fallback: nil)
        for _ in 0..<1_000 {
            if source.next() != gsl_rng_uniform(rng) { return false }
        }
        return true
    }()

    private init(s1: UInt32, s2: UInt32, s3: UInt32, fallback: OpaquePointer?) {
        (self.s1, self.s2, self.s3, self.fallback) = (s1, s2, s3, fallback)
    }
}

extension RandomStream {
    /// Runs `body` with this stream's uniforms as a `UniformSource`; the stream continues after the
    /// last draw `body` made. Do not draw from the stream itself inside `body`.
    public func withUniforms<R>(_ body: (inout UniformSource) throws -> R) rethrows -> R {
        var source = UniformSource(self)
        defer { source.store(into: self) }
        return try body(&source)
    }
}

/// The geometric law of trials up to the first success at probability `p`, with log(1 - p) computed once.
public struct Geometric {
    public let p: Double
    @usableFromInline let logFailure: Double

    public init(_ p: Double) {
        self.p = p
        logFailure = UniformSource.logarithm(1 - p)
    }
}
