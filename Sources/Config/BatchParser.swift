/// Reads `BatchSpec`'s keys, collecting every error with its line. (Hand-written rather than a
/// `RuleReader` because each key here is optional and sweep values are any scalar.)
struct BatchParser {
    var errors: [ConfigError] = []

    mutating func fail(_ node: ConfigNode, _ key: String, _ message: String) {
        errors.append(ConfigError(node.location, key, message))
    }

    mutating func integer(_ node: ConfigNode, _ key: String, min: Int, max: Int) -> Int? {
        guard let x = RuleReader.parseNumber(node), x == x.rounded(), x >= Double(min), x <= Double(max) else {
            fail(node, key, "expected an integer in [\(min), \(max)], found \(node.found)")
            return nil
        }
        return Int(x)
    }

    mutating func number(_ node: ConfigNode, _ key: String) -> Double? {
        guard let x = RuleReader.parseNumber(node) else {
            fail(node, key, "expected a number, found \(node.found)")
            return nil
        }
        return x
    }

    /// A mapping whose keys must all be in `known`; unknown keys are reported.
    mutating func mapping(_ node: ConfigNode, _ key: String, known: [String], expected: String) -> ConfigMapping? {
        guard let m = node.mapping else {
            fail(node, key, "expected \(expected), found \(node.found)")
            return nil
        }
        for entry in m.entries where !known.contains(entry.key) {
            let near = RuleReader.nearest(entry.key, in: known).map { "; did you mean '\($0)'?" } ?? ""
            errors.append(ConfigError(entry.keyLocation, "\(key).\(entry.key)", "unknown key\(near) (known: \(known.joined(separator: ", ")))"))
        }
        return m
    }

    mutating func variants(_ node: ConfigNode) -> [BatchSpec.Variant] {
        guard let m = mapping(node, "variants", known: node.mapping?.keys ?? [], expected: "a mapping of variant name to {set, events}") else { return [] }
        var out: [BatchSpec.Variant] = []
        for entry in m.entries {
            let key = "variants.\(entry.key)"
            let valid = entry.key.first?.isLetter == true
                && entry.key.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "_" || $0 == "-" }
            if !valid || entry.key == "main" {
                errors.append(ConfigError(entry.keyLocation, key, entry.key == "main"
                    ? "'main' names the experiment itself; choose another name"
                    : "variant names use lowercase letters, digits, - and _, starting with a letter"))
            }
            guard let body = mapping(entry.node, key, known: ["set", "events"], expected: "a mapping with set and/or events") else { continue }
            var overrides: [Override] = []
            if let set = body["set"] {
                if let changes = set.mapping {
                    overrides = changes.entries.map(Override.init)
                } else {
                    fail(set, "\(key).set", "expected a mapping of key.path: value, found \(set.found)")
                }
            }
            var events: [ScenarioEvent]?
            if let list = body["events"] {
                let read = ScenarioEvent.read(list)
                events = read.events
                errors += read.errors.map { ConfigError($0.location, "\(key).\($0.keyPath)", $0.message) }
            }
            if body["set"] == nil && body["events"] == nil {
                fail(entry.node, key, "a variant needs set, events or both")
            }
            out.append(BatchSpec.Variant(name: entry.key, overrides: overrides, events: events, location: entry.keyLocation))
        }
        return out
    }

    mutating func sweep(_ node: ConfigNode) -> BatchSpec.Sweep? {
        guard let m = mapping(node, "sweep", known: ["design", "points", "parameters", "seeds"], expected: "a mapping with design, parameters (and points, seeds)") else { return nil }
        let names = BatchSpec.Design.allCases.map(\.rawValue).joined(separator: ", ")
        var design = BatchSpec.Design.grid
        if let d = m["design"] {
            if case let .scalar(text, _) = d.value, let v = BatchSpec.Design(rawValue: text) { design = v } else {
                fail(d, "sweep.design", "expected one of: \(names); found \(d.found)")
            }
        }
        var points = 0
        if let n = m["points"] {
            if design == .grid {
                fail(n, "sweep.points", "a grid has one point per combination of its lists; points is for latin_hypercube, sobol and saltelli")
            } else {
                points = integer(n, "sweep.points", min: 1, max: 1_000_000) ?? 0
            }
        } else if design != .grid {
            fail(node, "sweep.points", "missing key (expected the number of points to draw)")
        }
        guard let params = m["parameters"] else {
            fail(node, "sweep.parameters", "missing key (expected a mapping of key.path to values)")
            return nil
        }
        guard let list = params.mapping, !list.entries.isEmpty else {
            fail(params, "sweep.parameters", "expected a mapping of key.path to values, found \(params.found)")
            return nil
        }
        var factors: [BatchSpec.Factor] = []
        for entry in list.entries {
            let key = "sweep.parameters.\(entry.key)"
            let parameter = BatchSpec.Parameter(key: entry.key, location: entry.keyLocation)
            if design == .grid {
                if case .sequence = entry.node.value {
                    if let values = values(entry.node, key) { factors.append(.values(parameter, values)) }
                } else if let group = entry.node.mapping {
                    factors += zipped(entry.key, group, key).map { [$0] } ?? []
                } else {
                    fail(entry.node, key, "expected a list of values, or a mapping of key.path to lists moved together, found \(entry.node.found)")
                }
            } else if let range = range(parameter, entry.node, key) {
                factors.append(range)
            }
        }
        var seen: Set<String> = []
        for p in factors.flatMap(\.parameters) {
            if !seen.insert(p.key).inserted {
                errors.append(ConfigError(p.location, "sweep.parameters", "\(p.key) is swept twice"))
            }
            if p.key == "run.seed" {
                errors.append(ConfigError(p.location, "sweep.parameters.run.seed",
                                          "seeds are derived from run.seed for each point and replication; sweep replications instead"))
            }
            if !p.key.contains(".") {
                errors.append(ConfigError(p.location, "sweep.parameters.\(p.key)", "expected a key path such as money_fund.cash"))
            }
        }
        if design == .sobol && factors.count > 40 {
            fail(params, "sweep.parameters", "GSL's Sobol generator has at most 40 dimensions, found \(factors.count)")
        }
        if design == .saltelli {
            if factors.count > 20 {
                fail(params, "sweep.parameters", "a saltelli design draws 2 values per key from GSL's Sobol generator (at "
                     + "most 40 dimensions): at most 20 keys, found \(factors.count)")
            }
            points *= factors.count + 2
        }
        if design == .grid {
            points = factors.reduce(1) { total, f in
                switch f {
                case let .values(_, v): return total * v.count
                case let .zipped(_, g): return total * (g.first?.1.count ?? 1)
                case .range: return total
                }
            }
        }
        var shared = false
        if let s = m["seeds"] {
            if case let .scalar(text, _) = s.value, text == "shared" || text == "per_point" { shared = text == "shared" } else {
                fail(s, "sweep.seeds", "expected per_point or shared; found \(s.found)")
            }
        }
        return BatchSpec.Sweep(design: design, points: points, factors: factors, sharedSeeds: shared)
    }

    /// A non-empty list of scalars.
    private mutating func values(_ node: ConfigNode, _ key: String) -> [ConfigNode]? {
        guard case let .sequence(items) = node.value, !items.isEmpty else {
            fail(node, key, "expected a non-empty list of values, found \(node.found)")
            return nil
        }
        for (i, item) in items.enumerated() {
            guard case .scalar = item.value, item.found != "nothing" else {
                fail(item, "\(key)[\(i)]", "expected a number, text or true/false, found \(item.found)")
                return nil
            }
        }
        return items
    }

    private mutating func zipped(_ name: String, _ group: ConfigMapping, _ key: String) -> BatchSpec.Factor? {
        var lists: [(BatchSpec.Parameter, [ConfigNode])] = []
        for entry in group.entries {
            guard let v = values(entry.node, "\(key).\(entry.key)") else { return nil }
            if let first = lists.first, first.1.count != v.count {
                fail(entry.node, "\(key).\(entry.key)",
                     "a zipped group's lists must have equal lengths: \(first.0.key) has \(first.1.count), this has \(v.count)")
                return nil
            }
            lists.append((BatchSpec.Parameter(key: entry.key, location: entry.keyLocation), v))
        }
        guard !lists.isEmpty else {
            errors.append(ConfigError(group.entries.first?.keyLocation ?? SourceLocation(file: "", line: 0), key, "an empty zipped group"))
            return nil
        }
        return .zipped(name, lists)
    }

    mutating func range(_ p: BatchSpec.Parameter, _ node: ConfigNode, _ key: String) -> BatchSpec.Factor? {
        guard let m = mapping(node, key, known: ["min", "max", "scale", "integer"], expected: "a range {min, max, scale, integer}") else { return nil }
        guard let lo = m["min"].flatMap({ number($0, "\(key).min") }), let hi = m["max"].flatMap({ number($0, "\(key).max") }) else {
            if m["min"] == nil || m["max"] == nil { fail(node, key, "a range needs min and max") }
            return nil
        }
        guard lo <= hi else {
            fail(m["max"]!, "\(key).max", "expected max >= min (\(lo)), found \(m["max"]!.found)")
            return nil
        }
        var log = false
        if let s = m["scale"] {
            guard case let .scalar(text, _) = s.value, text == "linear" || text == "log" else {
                fail(s, "\(key).scale", "expected one of: linear, log; found \(s.found)")
                return nil
            }
            log = text == "log"
            if log && lo <= 0 {
                fail(m["min"]!, "\(key).min", "a log scale needs min > 0, found \(m["min"]!.found)")
                return nil
            }
        }
        var integer = false
        if let i = m["integer"] {
            guard case let .scalar(text, false) = i.value, text == "true" || text == "false" else {
                fail(i, "\(key).integer", "expected true or false, found \(i.found)")
                return nil
            }
            integer = text == "true"
            if integer && lo.rounded(.up) > hi.rounded(.down) {
                fail(node, key, "no whole number lies between min and max")
                return nil
            }
        }
        return .range(p, min: lo, max: hi, log: log, integer: integer)
    }

    mutating func outputs(_ node: ConfigNode) -> BatchSpec.Outputs {
        var out = BatchSpec.Outputs()
        guard let m = mapping(node, "outputs", known: ["tables", "every", "snapshot_every"], expected: "a mapping with tables, every, snapshot_every") else { return out }
        if let t = m["tables"] {
            let names = BatchSpec.Table.allCases.map(\.rawValue).joined(separator: ", ")
            if case let .sequence(items) = t.value {
                out.tables = []
                for (i, item) in items.enumerated() {
                    if case let .scalar(text, _) = item.value, let table = BatchSpec.Table(rawValue: text) {
                        if !out.tables.contains(table) { out.tables.append(table) }
                    } else {
                        fail(item, "outputs.tables[\(i)]", "expected one of: \(names); found \(item.found)")
                    }
                }
                out.tables = BatchSpec.Table.allCases.filter(out.tables.contains)
            } else {
                fail(t, "outputs.tables", "expected a list of: \(names); found \(t.found)")
            }
        }
        if let e = m["every"] { out.every = integer(e, "outputs.every", min: 1, max: 100_000) ?? 1 }
        if let s = m["snapshot_every"] { out.snapshotEvery = integer(s, "outputs.snapshot_every", min: 0, max: 100_000) ?? 0 }
        return out
    }
}
