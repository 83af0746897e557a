/// A configuration value with the place it was written. Values are untyped until a `RuleReader`
/// reads them against a key's declared type, so every type error can name its source line.
public struct ConfigNode: Sendable {
    public enum Value: Sendable {
        /// A scalar's text; `quoted` when it was written in quotes (and so is always a string).
        case scalar(String, quoted: Bool)
        case sequence([ConfigNode])
        case mapping(ConfigMapping)
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    public var mapping: ConfigMapping? {
        if case let .mapping(m) = value { return m }
        return nil
    }

    /// How the value reads in an error message: `"ten"`, `3`, `a list`, `a mapping`, `nothing`.
    public var found: String {
        switch value {
        case let .scalar(text, quoted):
            if quoted { return "\"\(text)\"" }
            if text.isEmpty || text == "~" || text == "null" { return "nothing" }
            return Double(text) != nil || text == "true" || text == "false" ? text : "\"\(text)\""
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// An ordered mapping of keys to nodes (file order is kept for output and messages).
public struct ConfigMapping: Sendable {
    public struct Entry: Sendable {
        public let key: String
        /// Where the key itself is written (for "unknown key" and "duplicate key").
        public let keyLocation: SourceLocation
        public var node: ConfigNode

        public init(key: String, keyLocation: SourceLocation, node: ConfigNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.node = node
        }
    }

    public var entries: [Entry]
    public init(_ entries: [Entry] = []) { self.entries = entries }

    public subscript(key: String) -> ConfigNode? {
        get { entries.first { $0.key == key }?.node }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].node = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append(Entry(key: key, keyLocation: newValue.location, node: newValue))
            }
        }
    }

    public var keys: [String] { entries.map(\.key) }
}

extension ConfigNode {
    /// The value in YAML flow style, as it would be written on one line: `8`, `[a, b]`, `{k: v}`.
    public var flowText: String {
        switch value {
        case let .scalar(text, quoted): return quoted ? "\"\(text)\"" : text
        case let .sequence(items): return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case let .mapping(m): return "{" + m.entries.map { "\($0.key): \($0.node.flowText)" }.joined(separator: ", ") + "}"
        }
    }

    /// The values a key's documented path (`KeySpec.path`) has in this section, in file order: one
    /// unnamed value, or one per name where the path runs through `<name>` (`assets.<name>.supply`).
    public func values(at path: String) -> [(name: String?, value: ConfigNode)] {
        let parts = path.components(separatedBy: ".<name>.")
        guard parts.count == 2 else { return node(at: path).map { [(nil, $0)] } ?? [] }
        let named = node(at: parts[0])?.mapping?.entries ?? []
        return named.compactMap { entry in entry.node.node(at: parts[1]).map { (entry.key, $0) } }
    }

    /// The node at `path` (keys of nested mappings, outermost first), nil where there is none.
    public func node<Path: Sequence>(at path: Path) -> ConfigNode? where Path.Element: StringProtocol {
        path.reduce(Optional(self)) { $0?.mapping?[String($1)] }
    }

    /// The node at a dotted path such as `strategies.value.max_leverage`.
    public func node(at dotted: String) -> ConfigNode? { node(at: dotted.split(separator: ".")) }
}
