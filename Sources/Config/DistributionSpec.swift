/// A per-agent parameter: one value for everyone, or a distribution each agent draws from.
///
/// In a rule file a key that accepts heterogeneity takes either a number or a mapping:
/// `{distribution: lognormal, mean: 3, sd: 0.5}` (mean and sd of the drawn value, not of its log),
/// `{distribution: uniform, min: 1, max: 2}`, `{distribution: normal, mean: 0, sd: 1}` (redrawn until
/// it falls in the key's valid range).
public enum DistributionSpec: Sendable, Equatable, CustomStringConvertible {
    case fixed(Double)
    case uniform(min: Double, max: Double)
    case normal(mean: Double, sd: Double)
    case lognormal(mean: Double, sd: Double)

    public var description: String {
        switch self {
        case let .fixed(x): return Bound.format(x)
        case let .uniform(a, b): return "{distribution: uniform, min: \(Bound.format(a)), max: \(Bound.format(b))}"
        case let .normal(m, s): return "{distribution: normal, mean: \(Bound.format(m)), sd: \(Bound.format(s))}"
        case let .lognormal(m, s): return "{distribution: lognormal, mean: \(Bound.format(m)), sd: \(Bound.format(s))}"
        }
    }

    /// The mean of the drawn values (before truncation of a normal).
    public var mean: Double {
        switch self {
        case let .fixed(x): return x
        case let .uniform(a, b): return (a + b) / 2
        case let .normal(m, _), let .lognormal(m, _): return m
        }
    }
}
