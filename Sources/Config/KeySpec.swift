/// The documentation of one configuration key, as `drypowder describe` prints it.
/// Recorded by `RuleReader` at the very line that reads the key, so docs and code cannot drift.
public struct KeySpec: Sendable, Equatable {
    /// Dotted path within its section, e.g. `strategies.value.max_leverage`.
    public let path: String
    /// What values are accepted, e.g. "number > 0", "integer >= 1", "one of: taus2, gfsr4".
    public let type: String
    public let meaning: String
    public let unit: String
    /// The valid range of a number or integer key (nil for other kinds).
    public var bound: Bound? = nil
    /// Whether a scenario event may change the key during a run.
    public var scope: KeyScope = .dynamic
}

/// When a key takes effect, and so whether a scenario event may change it.
public enum KeyScope: Sendable, Equatable {
    /// A rule agents follow every step: events may change it (what agents want, owe or believe).
    case dynamic
    /// Read once when the world is built (counts, endowments, draws): an event could not change it.
    case setUp
    /// Sets a price: never changed by an event, since prices come from clearing.
    case price
}
