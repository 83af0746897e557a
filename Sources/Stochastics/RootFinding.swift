internal import CGSL

/// Why a root could not be found. Never an abort: the caller decides what to do.
public enum RootFindingError: Error, Equatable, CustomStringConvertible {
    /// f(lower) and f(upper) have the same sign, so [lower, upper] brackets no root.
    case notBracketing(lower: Double, upper: Double, fLower: Double, fUpper: Double)
    /// The function returned NaN or infinity at `x`.
    case nonFinite(x: Double)
    /// The bracket did not shrink to the tolerance within the iteration limit.
    case noConvergence(iterations: Int, lower: Double, upper: Double)
    case gsl(GSLError)

    public var description: String {
        switch self {
        case let .notBracketing(a, b, fa, fb):
            return "interval [\(a), \(b)] does not bracket a root: f = \(fa) and \(fb) have the same sign"
        case let .nonFinite(x): return "function is not finite at x = \(x)"
        case let .noConvergence(n, a, b): return "no convergence after \(n) iterations, bracket [\(a), \(b)]"
        case let .gsl(e): return e.description
        }
    }
}

/// Brent's method (`gsl_root_fsolver_brent`) on a Swift closure.
public enum Brent {
    /// A root of `f` in [lower, upper], to within `absoluteTolerance + relativeTolerance * |x|`.
    public static func root(
        in lower: Double, _ upper: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-12,
        maxIterations: Int = 200,
        _ f: (Double) -> Double
    ) throws(RootFindingError) -> Double {
        _ = GSLRuntime.ready
        let fa = f(lower), fb = f(upper)
        guard fa.isFinite else { throw .nonFinite(x: lower) }
        guard fb.isFinite else { throw .nonFinite(x: upper) }
        if fa == 0 { return lower }
        if fb == 0 { return upper }
        guard (fa < 0) != (fb < 0) else {
            throw .notBracketing(lower: lower, upper: upper, fLower: fa, fUpper: fb)
        }
        return try withoutActuallyEscaping(f) { (f) throws(RootFindingError) -> Double in
            var box = ClosureBox(f)
            return try withUnsafeMutablePointer(to: &box) { (ptr) throws(RootFindingError) -> Double in
                try solve(ptr, lower, upper, absoluteTolerance, relativeTolerance, maxIterations)
            }
        }
    }

    private static func solve(
        _ box: UnsafeMutablePointer<ClosureBox>, _ lower: Double, _ upper: Double,
        _ epsAbs: Double, _ epsRel: Double, _ maxIterations: Int
    ) throws(RootFindingError) -> Double {
        guard let solver = gsl_root_fsolver_alloc(drypowder_root_brent()) else {
            throw .gsl(GSLError(status: Int32(GSL_ENOMEM), operation: "gsl_root_fsolver_alloc"))
        }
        defer { gsl_root_fsolver_free(solver) }
        var function = drypowder_make_function({ x, params in
            params!.assumingMemoryBound(to: ClosureBox.self).pointee.call(x)
        }, UnsafeMutableRawPointer(box))
        do {
            try GSLRuntime.check(gsl_root_fsolver_set(solver, &function, lower, upper), "gsl_root_fsolver_set")
            for _ in 0..<maxIterations {
                try GSLRuntime.check(gsl_root_fsolver_iterate(solver), "gsl_root_fsolver_iterate")
                if let bad = box.pointee.nonFiniteAt { throw RootFindingError.nonFinite(x: bad) }
                let a = gsl_root_fsolver_x_lower(solver), b = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(a, b, epsAbs, epsRel) == GSL_SUCCESS {
                    return gsl_root_fsolver_root(solver)
                }
            }
        } catch let e as GSLError {
            throw .gsl(e)
        } catch let e as RootFindingError {
            throw e
        } catch {
            throw .gsl(GSLError(status: Int32(GSL_FAILURE), operation: "\(error)"))
        }
        throw .noConvergence(iterations: maxIterations,
                             lower: gsl_root_fsolver_x_lower(solver), upper: gsl_root_fsolver_x_upper(solver))
    }
}

/// Carries a non-escaping Swift closure through GSL's `void *params`, remembering the first x at
/// which it returned a non-finite value (GSL itself would report only a generic domain error).
struct ClosureBox {
    let f: (Double) -> Double
    var nonFiniteAt: Double?

    init(_ f: @escaping (Double) -> Double) { self.f = f }

    mutating func call(_ x: Double) -> Double {
        let y = f(x)
        if !y.isFinite, nonFiniteAt == nil { nonFiniteAt = x }
        return y
    }
}
