internal import CGSL

/// One seeded GSL generator, owned by exactly one user (a run, an agent population).
///
/// The class owns its `gsl_rng` and frees it on deinit. It is deliberately not `Sendable`:
/// a stream never crosses threads; parallel runs each derive their own from a `Seed`.
public final class RandomStream {
    let rng: UnsafeMutablePointer<gsl_rng>
    public let generator: Generator
    public let seed: Seed

    public init(seed: Seed, generator: Generator = .taus2) {
        _ = GSLRuntime.ready
        guard let rng = gsl_rng_alloc(generator.gslType) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        gsl_rng_set(rng, UInt(seed.gslSeed))
        self.rng = rng
        self.generator = generator
        self.seed = seed
    }

    deinit { gsl_rng_free(rng) }

    /// A new stream for a child of this stream's seed; the draws of the two are unrelated.
    public func child(_ label: String, _ index: Int = 0) -> RandomStream {
        RandomStream(seed: seed.child(label, index), generator: generator)
    }

    /// The raw next integer of the generator, in [0, max].
    public func nextRaw() -> UInt { gsl_rng_get(rng) }
}
