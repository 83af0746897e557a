import Config

/// The rules in force at every step of a run: the experiment's rules, then a new rule set at each
/// step where a scenario event starts or ends. Built and validated before the run starts, so a bad
/// event is a configuration error, never a failure halfway through.
public struct Scenario: Sendable {
    public struct Change: Sendable {
        /// The step from which `rules` are in force (phase 1 of that step).
        public let step: Int
        public let rules: Rules
    }

    public let base: Rules
    /// In step order, at most one per step.
    public let changes: [Change]

    /// A run with no events.
    public init(base: Rules) {
        self.base = base
        changes = []
    }

    public init(_ experiment: Experiment) throws(ConfigErrors) {
        let base = try Rules(experiment)
        var errors: [ConfigError] = []
        for event in experiment.events {
            errors += Self.scopeErrors(event)
            let ends = event.end.map { [(event.start, "from"), ($0, "to")] } ?? [(event.start, "at")]
            for (step, key) in ends where step > base.run.steps {
                errors.append(ConfigError(event.location, "\(event.label).\(key)",
                                          "step \(step) is after the run's last step (\(base.run.steps))"))
            }
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        // Rule sets change only where an event starts or ends; each is the experiment plus the events
        // active then, applied in file order.
        let boundaries = Set(experiment.events.flatMap { [$0.start, ($0.end ?? .max - 1) + 1] })
            .filter { $0 > 1 && $0 <= base.run.steps }.sorted()
        var changes: [Change] = []
        if experiment.events.contains(where: { $0.start == 1 }) {
            changes.append(Change(step: 1, rules: try Self.rules(experiment, at: 1)))
        }
        for step in boundaries { changes.append(Change(step: step, rules: try Self.rules(experiment, at: step))) }
        self.base = base
        self.changes = changes
    }

    private static func rules(_ experiment: Experiment, at step: Int) throws(ConfigErrors) -> Rules {
        let active = experiment.events.filter { $0.isActive(at: step) }.flatMap(\.overrides)
        return try Rules(try experiment.applying(active))
    }

    /// Events may change what agents want, owe or believe: keys declared `dynamic` in an agent section.
    private static func scopeErrors(_ event: ScenarioEvent) -> [ConfigError] {
        event.overrides.compactMap { override in
            let path = override.path.joined(separator: ".")
            let where_ = "\(event.label).set.\(path)"
            guard let section = override.path.first, let specs = Rules.describe(section), section != "experiment" else {
                return ConfigError(override.location, where_, "an event can change only agents' rules (\(Rules.agentTypes.joined(separator: ", ")))")
            }
            let inner = Array(override.path.dropFirst())
            let touched = specs.filter { spec in
                let parts = spec.path.split(separator: ".").map(String.init)
                guard parts.count >= inner.count, spec.type != "section" else { return false }
                return zip(parts, inner).allSatisfy { $0 == $1 || $0 == "<name>" }
            }
            if touched.contains(where: { $0.scope == .price }) {
                return ConfigError(override.location, where_, "an event may change what agents want, owe or believe, never a price")
            }
            if touched.contains(where: { $0.scope == .setUp }) {
                return ConfigError(override.location, where_, "is read only when the run starts; an event cannot change it")
            }
            return nil
        }
    }
}
