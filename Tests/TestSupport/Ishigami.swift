import Foundation

/// The Ishigami function, f = sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1 on [-pi, pi]^3, a standard test of
/// sensitivity analysis whose Sobol indices are known (Ishigami and Homma 1990; Saltelli et al. 2010).
public enum Ishigami {
    /// First-order and total indices of x1, x2, x3.
    public static let first = [0.3139, 0.4424, 0.0], total = [0.5576, 0.4424, 0.2437]

    /// f at a point of the unit cube, mapped onto [-pi, pi]^3.
    public static func value(_ u: [Double]) -> Double {
        let x = u.map { -Double.pi + 2 * Double.pi * $0 }
        return sin(x[0]) + 7 * pow(sin(x[1]), 2) + 0.1 * pow(x[2], 4) * sin(x[0])
    }
}
