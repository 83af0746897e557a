internal import CGSL

/// The distributions the model draws from. Each is GSL's own routine; parameters follow GSL's
/// conventions except where the doc comment says otherwise.
extension RandomStream {
    /// Uniform on [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Uniform on (0, 1): never exactly 0, for logs and inverse CDFs.
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// Uniform on [a, b).
    public func uniform(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(rng, a, b) }

    /// Normal with the given mean and standard deviation, by the ziggurat method.
    public func gaussian(mean: Double = 0, sd: Double = 1) -> Double {
        mean + gsl_ran_gaussian_ziggurat(rng, sd)
    }

    /// Lognormal: exp(N(mu, sigma)). Its mean is exp(mu + sigma^2 / 2).
    public func lognormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(rng, mu, sigma) }

    /// Student's t with `nu` degrees of freedom (unit scale).
    public func studentT(nu: Double) -> Double { gsl_ran_tdist(rng, nu) }

    /// Poisson with mean `mu`.
    public func poisson(mean mu: Double) -> Int { Int(gsl_ran_poisson(rng, mu)) }

    /// Pareto with tail index `a` and scale `b`: P(X > x) = (b / x)^a for x >= b (`gsl_ran_pareto`).
    public func pareto(a: Double, b: Double) -> Double { gsl_ran_pareto(rng, a, b) }

    /// Exponential with the given mean (not rate).
    public func exponential(mean: Double) -> Double { gsl_ran_exponential(rng, mean) }

    /// Beta(a, b) on [0, 1].
    public func beta(_ a: Double, _ b: Double) -> Double { gsl_ran_beta(rng, a, b) }

    /// Trials up to and including the first success at probability `p` (`gsl_ran_geometric`).
    public func geometric(_ p: Double) -> Int { Int(gsl_ran_geometric(rng, p)) }

    /// True with probability `p`.
    public func bernoulli(_ p: Double) -> Bool { gsl_ran_bernoulli(rng, p) == 1 }

    /// Uniform on the integers 0..<n (`gsl_rng_uniform_int`; n >= 1).
    public func uniformInt(_ n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }

    /// A uniformly random permutation of 0..<n (`gsl_ran_shuffle`).
    public func permutation(_ n: Int) -> [Int] {
        var items = Array(0..<n)
        items.withUnsafeMutableBufferPointer { buf in
            if let base = buf.baseAddress { gsl_ran_shuffle(rng, base, n, MemoryLayout<Int>.stride) }
        }
        return items
    }
}

/// A preprocessed discrete distribution over 0..<weights.count (Walker's alias method in GSL).
public final class DiscreteChoice {
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    public let count: Int
    /// GSL's table, copied for `sample(_: inout UniformSource)`: index c is kept if the uniform is
    /// below `cutoffs[c]`, else replaced by `aliases[c]`.
    @usableFromInline let cutoffs: [Double]
    @usableFromInline let aliases: [Int]

    /// - Throws: `GSLError` when a weight is negative or not finite, or all weights are 0.
    public init(weights: [Double]) throws(GSLError) {
        _ = GSLRuntime.ready
        guard !weights.isEmpty, weights.allSatisfy({ $0.isFinite && $0 >= 0 }),
              weights.contains(where: { $0 > 0 }) else {
            throw GSLError(status: Int32(GSL_EDOM), operation: "gsl_ran_discrete_preproc")
        }
        guard let table = weights.withUnsafeBufferPointer({
            gsl_ran_discrete_preproc($0.count, $0.baseAddress)
        }) else { throw GSLError(status: Int32(GSL_ENOMEM), operation: "gsl_ran_discrete_preproc") }
        self.table = table
        self.count = weights.count
        cutoffs = (0..<weights.count).map { table.pointee.F[$0] }
        aliases = (0..<weights.count).map { Int(table.pointee.A[$0]) }
    }

    deinit { gsl_ran_discrete_free(table) }

    /// An index drawn with probability proportional to its weight.
    public func sample(_ stream: RandomStream) -> Int { Int(gsl_ran_discrete(stream.rng, table)) }

    /// The same draw as `sample(_:)` makes from the same uniform: GSL's table lookup, done here.
    @inlinable
    public func sample(_ source: inout UniformSource) -> Int { pick(source.next()) }

    /// The index that uniform `u` in [0, 1) selects (GSL's table lookup).
    @inlinable
    public func pick(_ u: Double) -> Int {
        let c = Int(u * Double(count))
        let f = cutoffs[c]
        return f == 1 || u < f ? c : aliases[c]
    }
}
