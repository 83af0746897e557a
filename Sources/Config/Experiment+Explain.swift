/// Where a key's value comes from: each layer that set it, in the order they apply.
extension Experiment {
    /// One place that sets a key: its value there and where it is written.
    public struct Layer: Sendable {
        /// The value in YAML flow style (`0.3`, `{distribution: uniform, min: 5, max: 20}`).
        public let value: String
        public let location: SourceLocation
        /// "rule file", "experiment", "experiment set:", "command line", or "event, steps 20 to the end".
        public let kind: String
    }

    /// The value `key` (a dotted path) has before any event, and every layer that sets it: the rule file (or
    /// the experiment file, for its settings), then each override of it or of a mapping holding it, then
    /// each scenario event that changes it.
    public func explain(_ key: String) throws(ConfigErrors) -> (value: String, layers: [Layer]) {
        let path = key.split(separator: ".").map(String.init)
        var tree = settings.mapping!
        for agent in agents { tree[agent.type] = agent.rules }
        guard let resolved = ConfigNode(.mapping(tree), at: settings.location).node(at: path) else {
            throw ConfigErrors([ConfigError(SourceLocation(file: self.path, line: 0), key,
                                            "no such key in this experiment (`drypowder describe` lists the keys)")])
        }
        var layers: [Layer] = []
        if let agent = agents.first(where: { $0.type == path.first }) {
            if let node = (try? YAMLLoader.load(file: agent.file))?.node(at: path.dropFirst()) {
                layers.append(Layer(value: node.flowText, location: node.location, kind: "rule file"))
            }
        } else if let node = (try? Self.loadWithBase(self.path, ruleTypes: []))?.node(at: path) {
            layers.append(Layer(value: node.flowText, location: node.location, kind: "experiment"))
        }
        for override in overrides {
            guard let value = Self.part(of: override, at: path) else { continue }
            let kind = override.isCommandLine ? "command line" : "experiment set:"
            layers.append(Layer(value: value, location: override.location, kind: kind))
        }
        for event in events {
            let steps = "steps \(event.start) to " + (event.end.map(String.init) ?? "the end")
            for override in event.overrides {
                guard let value = Self.part(of: override, at: path) else { continue }
                layers.append(Layer(value: value, location: override.location, kind: "event, \(steps)"))
            }
        }
        return (resolved.flowText, layers)
    }

    /// What `override` sets of the key at `path`: all of it, the part inside a mapping it replaces, or
    /// (`sub.key = value`) the part of the key's own mapping it replaces; nil when it does not touch it.
    private static func part(of override: Override, at path: [String]) -> String? {
        if override.path == path { return override.value.flowText }
        if path.starts(with: override.path) {
            return override.value.node(at: path.dropFirst(override.path.count))?.flowText
        }
        if override.path.starts(with: path) {
            return override.path.dropFirst(path.count).joined(separator: ".") + " = " + override.value.flowText
        }
        return nil
    }
}
