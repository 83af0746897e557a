internal import CGSL

/// The GSL generator algorithm behind a `RandomStream`. Named in every run's manifest.
///
/// `taus2` (every shipped experiment's `run.generator`): maximally equidistributed, period 2^88, and 2-3x faster per draw than
/// `mt19937`. All three take 32-bit seeds (GSL masks the seed to 32 bits).
public enum Generator: String, CaseIterable, Sendable, Codable {
    case taus2
    case gfsr4
    case mt19937

    var gslType: UnsafePointer<gsl_rng_type> {
        switch self {
        case .taus2: return drypowder_rng_taus2()
        case .gfsr4: return drypowder_rng_gfsr4()
        case .mt19937: return drypowder_rng_mt19937()
        }
    }
}
