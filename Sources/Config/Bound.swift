/// The valid range of a numeric key; its description reads after "expected a number".
public enum Bound: Sendable, Equatable {
    /// 2^53 - 1: the largest integer below which every integer is exact as a double (seeds, counts).
    public static let largestExactInteger = 9_007_199_254_740_991.0

    case any
    case positive
    case nonNegative
    /// [0, 1]
    case unitInterval
    /// >= x
    case atLeast(Double)
    /// > x
    case greater(Double)
    /// [a, b]
    case closed(Double, Double)
    /// (a, b]
    case openClosed(Double, Double)

    /// Money (a balance, a flow per step, a budget) in US$ billions: at most 1e6, a quadrillion
    /// dollars, about ten times the world's financial assets. Nothing economic lies beyond it.
    public static let money = Bound.closed(0, 1e6)
    /// A positive amount of money.
    public static let positiveMoney = Bound.openClosed(0, 1e6)

    public func contains(_ x: Double) -> Bool {
        switch self {
        case .any: return true
        case .positive: return x > 0
        case .nonNegative: return x >= 0
        case .unitInterval: return x >= 0 && x <= 1
        case let .atLeast(a): return x >= a
        case let .greater(a): return x > a
        case let .closed(a, b): return x >= a && x <= b
        case let .openClosed(a, b): return x > a && x <= b
        }
    }

    /// A value inside the range, returned for a key that is missing or invalid so reading goes on
    /// (rules read with errors are never used) and when keys are only described.
    var placeholder: Double {
        switch self {
        case .any, .nonNegative, .unitInterval: return 0
        case .positive: return 1
        case let .atLeast(a), let .closed(a, _): return a
        case let .greater(a): return a + 1
        case let .openClosed(_, b): return b
        }
    }

    /// The smallest and largest values allowed (open ends reported as their limit).
    var limits: (lower: Double, upper: Double) {
        switch self {
        case .any: return (-.infinity, .infinity)
        case .positive: return (0, .infinity)
        case .nonNegative: return (0, .infinity)
        case .unitInterval: return (0, 1)
        case let .atLeast(a), let .greater(a): return (a, .infinity)
        case let .closed(a, b), let .openClosed(a, b): return (a, b)
        }
    }

    public var lowerLimit: Double { limits.lower }
    public var upperLimit: Double { limits.upper }

    /// "", " > 0", " >= 0", " in [0, 1]", ...
    public var phrase: String {
        switch self {
        case .any: return ""
        case .positive: return " > 0"
        case .nonNegative: return " >= 0"
        case .unitInterval: return " in [0, 1]"
        case let .atLeast(a): return " >= \(Self.format(a))"
        case let .greater(a): return " > \(Self.format(a))"
        case let .closed(a, b): return " in [\(Self.format(a)), \(Self.format(b))]"
        case let .openClosed(a, b): return " in (\(Self.format(a)), \(Self.format(b))]"
        }
    }

    public static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) <= largestExactInteger ? String(Int64(x)) : String(x)
    }
}
