/// One `key.path = value` override, from an experiment's `set:` block or a `--set` option.
public struct Override: Sendable {
    public let path: [String]
    public let value: ConfigNode
    /// Where the override was written (its line in the experiment file, or the command line).
    public let location: SourceLocation

    public init(path: [String], value: ConfigNode, location: SourceLocation) {
        self.path = path
        self.value = value
        self.location = location
    }

    /// The override one `key.path: value` entry of a `set:` mapping writes, located at its key.
    public init(_ entry: ConfigMapping.Entry) {
        self.init(path: entry.key.split(separator: ".").map(String.init), value: entry.node, location: entry.keyLocation)
    }

    /// Whether it came from a `--set` option (`parse(commandLine:)` locates it so), not a file.
    public var isCommandLine: Bool { location.line == 0 && location.file.hasPrefix("--set ") }

    /// Parses `key.path=value` as given to `--set`; the value is read as YAML (`3`, `true`, `[a, b]`).
    public static func parse(commandLine text: String) throws(ConfigErrors) -> Override {
        let origin = SourceLocation(file: "--set \(text)", line: 0)
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw ConfigErrors([ConfigError(origin, "", "expected key.path=value")])
        }
        let key = String(text[..<eq])
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard path.allSatisfy({ !$0.isEmpty }) else {
            throw ConfigErrors([ConfigError(origin, key, "expected a dotted key path such as hedge_fund.count")])
        }
        var value = try YAMLLoader.parse(String(text[text.index(after: eq)...]), file: origin.file)
        relocate(&value, to: origin)
        return Override(path: path, value: value, location: origin)
    }

    /// Replaces the value at `path` in `root`; the path must already exist (overrides never add keys).
    func apply(to root: inout ConfigMapping) throws(ConfigErrors) {
        try Self.replace(path[...], in: &root, walked: [], with: value, origin: location)
    }

    private static func replace(_ path: ArraySlice<String>, in mapping: inout ConfigMapping, walked: [String],
                                with value: ConfigNode, origin: SourceLocation) throws(ConfigErrors) {
        let key = path.first!
        let here = walked + [key]
        guard var node = mapping[key] else {
            var message = "unknown key"
            if let near = RuleReader.nearest(key, in: mapping.keys) { message += "; did you mean '\(near)'?" }
            throw ConfigErrors([ConfigError(origin, here.joined(separator: "."), message)])
        }
        if path.count == 1 {
            mapping[key] = value
            return
        }
        guard var inner = node.mapping else {
            throw ConfigErrors([ConfigError(origin, here.joined(separator: "."), "is a value, not a mapping; cannot set \(path.dropFirst().joined(separator: ".")) inside it")])
        }
        try replace(path.dropFirst(), in: &inner, walked: here, with: value, origin: origin)
        node.value = .mapping(inner)
        mapping[key] = node
    }

    /// Gives every node of a command-line value the command line as its location.
    private static func relocate(_ node: inout ConfigNode, to origin: SourceLocation) {
        node.location = origin
        switch node.value {
        case .scalar: break
        case var .sequence(items):
            for i in items.indices { relocate(&items[i], to: origin) }
            node.value = .sequence(items)
        case var .mapping(m):
            for i in m.entries.indices { relocate(&m.entries[i].node, to: origin) }
            node.value = .mapping(m)
        }
    }
}
