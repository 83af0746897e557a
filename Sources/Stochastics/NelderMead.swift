internal import CGSL

/// Result of a derivative-free minimisation.
public struct Minimum: Sendable, Equatable {
    public let point: [Double]
    public let value: Double
    public let iterations: Int
}

public enum MinimizationError: Error, Equatable, CustomStringConvertible {
    case noConvergence(iterations: Int, best: [Double], value: Double)
    case nonFinite(point: [Double])
    case gsl(GSLError)

    public var description: String {
        switch self {
        case let .noConvergence(n, x, v): return "Nelder-Mead did not converge in \(n) iterations (best f(\(x)) = \(v))"
        case let .nonFinite(x): return "objective is not finite at \(x)"
        case let .gsl(e): return e.description
        }
    }
}

/// GSL's Nelder-Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`) on a Swift closure; used by
/// calibration, where objectives come from simulations and have no derivatives.
public enum NelderMead {
    /// Minimises `f` from `start`, with initial simplex step sizes `steps`, until the simplex's
    /// characteristic size falls below `sizeTolerance`.
    public static func minimize(
        start: [Double], steps: [Double], sizeTolerance: Double = 1e-8, maxIterations: Int = 10_000,
        _ f: ([Double]) -> Double
    ) throws(MinimizationError) -> Minimum {
        precondition(!start.isEmpty && start.count == steps.count, "start and steps need the same non-zero size")
        _ = GSLRuntime.ready
        let n = start.count
        return try withoutActuallyEscaping(f) { (f) throws(MinimizationError) -> Minimum in
            var box = VectorClosureBox(f: f, n: n)
            return try withUnsafeMutablePointer(to: &box) { (ptr) throws(MinimizationError) -> Minimum in
                try run(ptr, start, steps, sizeTolerance, maxIterations)
            }
        }
    }

    private static func run(
        _ box: UnsafeMutablePointer<VectorClosureBox>, _ start: [Double], _ steps: [Double],
        _ tolerance: Double, _ maxIterations: Int
    ) throws(MinimizationError) -> Minimum {
        let n = start.count
        guard let solver = gsl_multimin_fminimizer_alloc(drypowder_nmsimplex2(), n),
              let x = gsl_vector_alloc(n), let ss = gsl_vector_alloc(n) else {
            throw .gsl(GSLError(status: Int32(GSL_ENOMEM), operation: "gsl_multimin_fminimizer_alloc"))
        }
        defer { gsl_multimin_fminimizer_free(solver); gsl_vector_free(x); gsl_vector_free(ss) }
        for i in 0..<n { gsl_vector_set(x, i, start[i]); gsl_vector_set(ss, i, steps[i]) }
        var function = gsl_multimin_function(f: { v, params in
            let box = params!.assumingMemoryBound(to: VectorClosureBox.self)
            return box.pointee.call(v!)
        }, n: n, params: UnsafeMutableRawPointer(box))
        var status = gsl_multimin_fminimizer_set(solver, &function, x, ss)
        guard status == GSL_SUCCESS else {
            throw .gsl(GSLError(status: status, operation: "gsl_multimin_fminimizer_set"))
        }
        func best() -> [Double] { (0..<n).map { gsl_vector_get(solver.pointee.x, $0) } }
        for iteration in 1...maxIterations {
            status = gsl_multimin_fminimizer_iterate(solver)
            if let bad = box.pointee.nonFiniteAt { throw .nonFinite(point: bad) }
            guard status == GSL_SUCCESS else {
                throw .gsl(GSLError(status: status, operation: "gsl_multimin_fminimizer_iterate"))
            }
            let size = gsl_multimin_fminimizer_size(solver)
            if gsl_multimin_test_size(size, tolerance) == GSL_SUCCESS {
                return Minimum(point: best(), value: solver.pointee.fval, iterations: iteration)
            }
        }
        throw .noConvergence(iterations: maxIterations, best: best(), value: solver.pointee.fval)
    }
}

struct VectorClosureBox {
    let f: ([Double]) -> Double
    let n: Int
    var nonFiniteAt: [Double]?

    mutating func call(_ v: UnsafePointer<gsl_vector>) -> Double {
        let point = (0..<n).map { gsl_vector_get(v, $0) }
        let y = f(point)
        if !y.isFinite, nonFiniteAt == nil { nonFiniteAt = point }
        return y
    }
}
