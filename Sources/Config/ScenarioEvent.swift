/// A change to agents' rules during a run, from an experiment's `events:` list:
///
/// ```yaml
/// events:
///   - at: 120                      # from step 120 to the end
///     set: {hedge_fund.max_leverage: 1.5}
///   - from: 60                     # steps 60 to 90, then the earlier value returns
///     to: 90
///     set: {retail.maintenance_margin: 0.2}
/// ```
///
/// Which keys an event may change is decided by the rules' declared scopes (see `KeyScope`): never a
/// price, never a set-up key.
public struct ScenarioEvent: Sendable {
    /// First step the change is in force (1-based).
    public let start: Int
    /// Last step it is in force; nil means to the end of the run.
    public let end: Int?
    public let overrides: [Override]
    /// Where the event is written.
    public let location: SourceLocation
    /// `events[i]`, for messages.
    public let label: String

    public func isActive(at step: Int) -> Bool { step >= start && step <= (end ?? .max) }

    /// Reads the `events:` list of an experiment file.
    static func read(_ node: ConfigNode) -> (events: [ScenarioEvent], errors: [ConfigError]) {
        guard case let .sequence(items) = node.value else {
            if node.found == "nothing" { return ([], []) }
            return ([], [ConfigError(node.location, "events", "expected a list of events, found \(node.found)")])
        }
        var events: [ScenarioEvent] = [], errors: [ConfigError] = []
        for (i, item) in items.enumerated() {
            let label = "events[\(i)]"
            guard let m = item.mapping else {
                errors.append(ConfigError(item.location, label, "expected a mapping with at (or from and to) and set, found \(item.found)"))
                continue
            }
            func step(_ key: String) -> Int? {
                guard let n = m[key] else { return nil }
                guard case let .scalar(text, false) = n.value, let x = Int(text), x >= 1 else {
                    errors.append(ConfigError(n.location, "\(label).\(key)", "expected a step number >= 1, found \(n.found)"))
                    return nil
                }
                return x
            }
            for entry in m.entries where !["at", "from", "to", "set"].contains(entry.key) {
                errors.append(ConfigError(entry.keyLocation, "\(label).\(entry.key)", "unknown key (an event has at, or from and to, and set)"))
            }
            let at = step("at"), from = step("from"), to = step("to")
            var start = 0, end: Int?
            switch (at, from, to) {
            case let (a?, nil, nil): start = a
            case let (nil, f?, t?) where f <= t: (start, end) = (f, t)
            case let (nil, f?, t?): errors.append(ConfigError(m["to"]!.location, "\(label).to", "expected a step >= from (\(f)), found \(t)"))
            default:
                if at == nil, from == nil, to == nil, m["at"] == nil, m["from"] == nil {
                    errors.append(ConfigError(item.location, label, "missing key (expected at, or from and to)"))
                } else if m["at"] != nil, m["from"] != nil || m["to"] != nil {
                    errors.append(ConfigError(item.location, label, "give either at or from and to, not both"))
                } else if m["from"] != nil || m["to"] != nil, m["from"] == nil || m["to"] == nil {
                    errors.append(ConfigError(item.location, label, "a window needs both from and to"))
                }
            }
            guard let set = m["set"], let changes = set.mapping, !changes.entries.isEmpty else {
                errors.append(ConfigError(m["set"]?.location ?? item.location, "\(label).set",
                                          "expected a mapping of key.path: value with at least one change"))
                continue
            }
            let overrides = changes.entries.map(Override.init)
            events.append(ScenarioEvent(start: start, end: end, overrides: overrides, location: item.location, label: label))
        }
        return (events, errors)
    }
}
