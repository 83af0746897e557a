import Foundation

/// An experiment file with its agent rule files loaded and every override applied: the fully
/// resolved configuration of a run, still untyped (the Simulation module reads it into rules).
///
/// An experiment file has reserved top-level keys, and everything else is experiment settings:
/// - `agents`: agent type -> rule file, relative to the experiment file;
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

    public struct AgentRuleFile: Sendable {
        public let type: String
        public let file: String
        /// The line of `type: file` in the experiment.
        public let location: SourceLocation
        public let rules: ConfigNode
    }

    public static func load(_ path: String, overrides: [Override] = []) throws(ConfigErrors) -> Experiment {
        let root = try YAMLLoader.load(file: path)
        var settings = root.mapping!
        var errors: [ConfigError] = []
        let directory = PathText.directory(of: path)

        var agents: [AgentRuleFile] = []
        var agentsLocation = root.location
        if let listed = settings["agents"] {
            agentsLocation = settings.entries.first { $0.key == "agents" }!.keyLocation
            if let files = listed.mapping {
                for entry in files.entries {
                    guard case let .scalar(file, _) = entry.node.value, !file.isEmpty else {
                        errors.append(ConfigError(entry.node.location, "agents.\(entry.key)", "expected the path of a rule file, found \(entry.node.found)"))
                        continue
                    }
                    let resolved = PathText.resolve(file, in: directory)
                    do {
                        agents.append(AgentRuleFile(type: entry.key, file: resolved, location: entry.keyLocation,
                                                    rules: try YAMLLoader.load(file: resolved)))
                    } catch {
                        if FileManager.default.fileExists(atPath: resolved) {
                            errors += error.errors
                        } else {
                            errors.append(ConfigError(entry.node.location, "agents.\(entry.key)", "rule file not found: \(resolved)"))
                        }
                    }
                }
            } else {
                errors.append(ConfigError(listed.location, "agents", "expected a mapping of agent type to rule file, found \(listed.found)"))
            }
        } else {
            errors.append(ConfigError(root.location, "agents", "missing key (expected a mapping of agent type to rule file)"))
        }

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
        for key in ["agents", "set", "events"] + BatchSpec.keys { settings[key] = nil }
        guard errors.isEmpty else { throw ConfigErrors(errors) }

        for agent in agents where settings[agent.type] != nil {
            errors.append(ConfigError(agent.location, "agents.\(agent.type)", "an agent type cannot share its name with an experiment setting"))
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }

        let name = PathText.stem(of: path)
        let loaded = Experiment(name: name, path: path, settings: ConfigNode(.mapping(settings), at: root.location),
                                agents: agents, agentsLocation: agentsLocation, events: events, batch: batch.spec)
        return try loaded.applying(fileOverrides + overrides)
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
            agentsLocation: agentsLocation, events: events, batch: batch)
    }

    /// The same experiment with `events` in place of its own (a counterfactual variant's).
    public func replacingEvents(_ events: [ScenarioEvent]) -> Experiment {
        Experiment(name: name, path: path, settings: settings, agents: agents, agentsLocation: agentsLocation,
                   events: events, batch: batch)
    }
}
