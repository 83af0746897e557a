internal import CGSL

/// A GSL call that returned a non-success status, turned into a Swift error.
public struct GSLError: Error, CustomStringConvertible, Equatable {
    /// GSL's status code (`GSL_EDOM`, `GSL_EMAXITER`, ...).
    public let status: Int32
    /// What was being attempted, e.g. "gsl_root_fsolver_iterate".
    public let operation: String

    public var description: String {
        let reason = String(cString: gsl_strerror(status))
        return "\(operation) failed: \(reason) (GSL status \(status))"
    }
}

/// One-time process set-up: GSL's default handler aborts the process on any error.
/// Switching it off makes every routine return a status, which `check` turns into a throw.
enum GSLRuntime {
    static let ready: Void = { _ = gsl_set_error_handler_off() }()

    /// Throws `GSLError` unless `status` is `GSL_SUCCESS`.
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(GSLError) {
        if status != Int32(GSL_SUCCESS) { throw GSLError(status: status, operation: operation()) }
    }
}

/// The GSL library version linked into this build, e.g. "2.7.1".
public var gslVersion: String {
    String(cString: drypowder_gsl_version())
}
