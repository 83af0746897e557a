import Foundation

/// An experiment file with its agent rule files loaded and every override applied: the fully
/// resolved configuration of a run, still untyped (the Simulation module reads it into rules).
///
/// An experiment file has reserved top-level keys, and everything else is experiment settings:
/// - `agents`: agent type -> rule file, relative to the experiment file; a type not named uses the
///   project's `Agents/<type>.yaml` (`AgentDefaults`);
/// - `set`: `key.path: value` overrides of any key, applied in order, before `--set` options;
/// - `events`: changes to agents' rules during the run (`ScenarioEvent`);
/// - `replications`, `variants`, `sweep`, `outputs`: what a batch of runs is made of (`BatchSpec`).
public struct Experiment: Sendable {
    /// The experiment's name: its file name without extension.
    public let name: String
    public let path: String
    /// The experiment's own settings (`description`, `run`, ...), overrides applied.
    public let settings: ConfigNode
    /// One section per agent type, in the order the experiment lists them, overrides applied.
    public let agents: [AgentRuleFile]
    /// Where the `agents:` mapping is written (for errors about the set of agent types).
    public let agentsLocation: SourceLocation
    /// Scenario events, in file order; not yet applied to `settings` or `agents`.
    public let events: [ScenarioEvent]
    /// Replications, variants, sweep and outputs of a batch (`drypowder sweep`); ignored by a single run.
    public let batch: BatchSpec
    /// The keys of its rule files that its own `set:` overrides: a rule-file edit to them changes nothing.
    public internal(set) var shadowed: [ShadowedKey] = []
    /// Every override applied, in order: the experiment's `set:`, then the command line's `--set`.
    public internal(set) var overrides: [Override] = []

    /// A rule-file key and the experiment line that overrides it.
    public struct ShadowedKey: Sendable {
        /// `type.key.path`.
        public let key: String
        public let ruleFile: SourceLocation
        public let override: SourceLocation
    }

    public struct AgentRuleFile: Sendable {
        public let type: String
        public let file: String
        /// The line of `type: file` in the experiment.
        public let location: SourceLocation
        public let rules: ConfigNode
    }

    /// Loads `path`; an agent type of `defaults` that its `agents:` mapping does not name reads
    /// `defaults.folder/<type>.yaml`. Agents come in `defaults.types` order, then any unknown type named.
    public static func load(_ path: String, overrides: [Override] = [], defaults: AgentDefaults) throws(ConfigErrors)
        -> Experiment {
        let root = try loadWithBase(path, ruleTypes: defaults.types)
        var settings = root.mapping!
        let stem = PathText.stem(of: path)
        if settings["run"] == nil, defaults.types.contains(stem) {
            throw ConfigErrors([ConfigError(root.location, "", "this is the \(stem) rule file, not an experiment: an "
                                            + "experiment names the rule files that differ from the project's under "
                                            + "agents: (`drypowder describe experiment`)")])
        }
        var errors: [ConfigError] = []
        let directory = PathText.directory(of: path)

        var listed: [AgentRuleFile] = []
        var agentsLocation = root.location
        if let mapping = settings["agents"] {
            agentsLocation = settings.entries.first { $0.key == "agents" }!.keyLocation
            if let files = mapping.mapping {
                for entry in files.entries {
                    guard case let .scalar(file, _) = entry.node.value, !file.isEmpty else {
                        errors.append(ConfigError(entry.node.location, "agents.\(entry.key)",
                                                  "expected the path of a rule file, found \(entry.node.found)"))
                        continue
                    }
                    let resolved = PathText.resolve(file, in: directory)
                    do {
                        listed.append(AgentRuleFile(type: entry.key, file: resolved, location: entry.keyLocation,
                                                    rules: try YAMLLoader.load(file: resolved)))
                    } catch {
                        if FileManager.default.fileExists(atPath: resolved) {
                            errors += error.errors
                        } else {
                            errors.append(ConfigError(entry.node.location, "agents.\(entry.key)", "rule file not found: \(resolved)"))
                        }
                    }
                }
            } else if mapping.found != "nothing" {
                errors.append(ConfigError(mapping.location, "agents",
                                          "expected a mapping of agent type to rule file, found \(mapping.found)"))
            }
        }
        var agents: [AgentRuleFile] = []
        for type in defaults.types {
            if let entry = listed.first(where: { $0.type == type }) {
                agents.append(entry)
                continue
            }
            guard let folder = defaults.folder else {
                errors.append(ConfigError(agentsLocation, "agents.\(type)", "missing key (expected the path of the \(type) rule file)"))
                continue
            }
            let file = PathText.resolve("\(type).yaml", in: folder)
            guard FileManager.default.fileExists(atPath: file) else {
                errors.append(ConfigError(agentsLocation, "agents.\(type)", "not named here, and the default rule file "
                                          + "\(file) (\(defaults.origin)) does not exist: name the \(type) rule file under agents:"))
                continue
            }
            do {
                let rules = try YAMLLoader.load(file: file)
                agents.append(AgentRuleFile(type: type, file: file, location: rules.location, rules: rules))
            } catch { errors += error.errors }
        }
        agents += listed.filter { !defaults.types.contains($0.type) }

        var fileOverrides: [Override] = []
        if let set = settings["set"] {
            if let m = set.mapping {
                fileOverrides = m.entries.map(Override.init)
            } else if set.found != "nothing" {
                errors.append(ConfigError(set.location, "set", "expected a mapping of key.path: value, found \(set.found)"))
            }
        }
        var events: [ScenarioEvent] = []
        if let list = settings["events"] {
            let read = ScenarioEvent.read(list)
            events = read.events
            errors += read.errors
        }
        let batch = BatchSpec.read(settings)
        errors += batch.errors
        for key in ExperimentKeys.all.map(\.name) { settings[key] = nil }
        guard errors.isEmpty else { throw ConfigErrors(errors) }

        for agent in agents where settings[agent.type] != nil {
            errors.append(ConfigError(agent.location, "agents.\(agent.type)", "an agent type cannot share its name with an experiment setting"))
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }

        let name = PathText.stem(of: path)
        let loaded = Experiment(name: name, path: path, settings: ConfigNode(.mapping(settings), at: root.location),
                                agents: agents, agentsLocation: agentsLocation, events: events, batch: batch.spec)
        var resolved = try loaded.applying(fileOverrides + overrides)
        resolved.overrides = fileOverrides + overrides
        let lastOverrides = fileOverrides.enumerated().filter { i, o in !fileOverrides[(i + 1)...].contains { $0.path == o.path } }
        resolved.shadowed = lastOverrides.map(\.element).compactMap { override in
            guard let agent = agents.first(where: { $0.type == override.path.first }) else { return nil }
            return agent.rules.node(at: override.path.dropFirst()).map { ShadowedKey(key: override.path.joined(separator: "."), ruleFile: $0.location,
                                          override: override.location) }
        }
        return resolved
    }

    /// The same experiment with `overrides` applied on top, in order. Overrides address one tree: the
    /// experiment's settings and one section per agent type. (Also how an event's rules are derived.)
    public func applying(_ overrides: [Override]) throws(ConfigErrors) -> Experiment {
        var tree = settings.mapping!
        for agent in agents { tree[agent.type] = agent.rules }
        var errors: [ConfigError] = []
        for override in overrides {
            do { try override.apply(to: &tree) } catch { errors += error.errors }
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        var resolvedSettings = ConfigMapping()
        for entry in settings.mapping!.entries { resolvedSettings[entry.key] = tree[entry.key] }
        return Experiment(
            name: name, path: path, settings: ConfigNode(.mapping(resolvedSettings), at: settings.location),
            agents: agents.map { AgentRuleFile(type: $0.type, file: $0.file, location: $0.location, rules: tree[$0.type]!) },
            agentsLocation: agentsLocation, events: events, batch: batch, shadowed: shadowed, overrides: self.overrides)
    }

    /// The same experiment with `events` in place of its own (a counterfactual variant's).
    public func replacingEvents(_ events: [ScenarioEvent]) -> Experiment {
        Experiment(name: name, path: path, settings: settings, agents: agents, agentsLocation: agentsLocation,
                   events: events, batch: batch, shadowed: shadowed, overrides: overrides)
    }
}

/// The agent types an experiment is made of, and where the rule file of a type its `agents:` mapping
/// does not name is found: `folder/<type>.yaml` (no folder: every type must be named).
public struct AgentDefaults: Sendable {
    public let types: [String]
    public let folder: String?
    /// Where the folder comes from, for errors ("the project's Agents folder").
    public let origin: String

    public init(types: [String], folder: String?, origin: String) {
        (self.types, self.folder, self.origin) = (types, folder, origin)
    }
}
