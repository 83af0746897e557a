/// One configuration problem, printed like a compiler diagnostic:
/// `Agents/hedge_fund.yaml:12: error: strategies.value.max_leverage: expected a number > 0, found "ten"`.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public let location: SourceLocation
    /// The dotted path of the offending key within its file or section; empty for file-level errors.
    public let keyPath: String
    public let message: String

    public init(_ location: SourceLocation, _ keyPath: String, _ message: String) {
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        keyPath.isEmpty ? "\(location): error: \(message)" : "\(location): error: \(keyPath): \(message)"
    }
}

/// Every problem found in one pass over a configuration, in file order.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [ConfigError]

    public init(_ errors: [ConfigError]) {
        precondition(!errors.isEmpty, "ConfigErrors needs at least one error")
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
