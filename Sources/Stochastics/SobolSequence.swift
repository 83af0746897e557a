internal import CGSL

/// Quasi-random points in [0, 1)^d from GSL's Sobol generator (`gsl_qrng_sobol`), for space-filling
/// parameter sweeps. Deterministic: the n-th point is the same in every run.
public final class SobolSequence {
    private let qrng: UnsafeMutablePointer<gsl_qrng>
    public let dimensions: Int

    /// GSL's Sobol generator supports 1 to 40 dimensions.
    public init(dimensions: Int) throws(GSLError) {
        _ = GSLRuntime.ready
        guard (1...40).contains(dimensions) else {
            throw GSLError(status: Int32(GSL_EINVAL), operation: "gsl_qrng_alloc(sobol, \(dimensions))")
        }
        guard let q = gsl_qrng_alloc(drypowder_qrng_sobol(), UInt32(dimensions)) else {
            throw GSLError(status: Int32(GSL_ENOMEM), operation: "gsl_qrng_alloc")
        }
        qrng = q
        self.dimensions = dimensions
    }

    deinit { gsl_qrng_free(qrng) }

    public func next() throws(GSLError) -> [Double] {
        var point = [Double](repeating: 0, count: dimensions)
        let status = point.withUnsafeMutableBufferPointer { gsl_qrng_get(qrng, $0.baseAddress) }
        try GSLRuntime.check(status, "gsl_qrng_get")
        return point
    }
}
