/// A calibration file (`drypowder calibrate FILE`): which experiment, which keys to fit over which ranges,
/// which moments to match, and how to search.
///
/// ```yaml
/// experiment: stylized-facts.yaml       # relative to this file
/// set: {run.steps: 1260}                # overrides applied before the parameters
/// seeds: 4                              # runs per evaluation, on the same seeds at every point
/// burn_in: 20                           # steps left out of each run's statistics
/// parameters:
///   speculator.markets.crypto.order_size: {min: 0.003, max: 0.03, scale: log}
/// targets:                              # or the path of a file holding this list
///   - {statistic: volatility, subject: crypto, value: 0.035, sd: 0.005}
///   - {statistic: acf_abs_return, subject: crypto, lag: 10, value: 0.29, weight: 10}
/// search: {points: 16, starts: 2, iterations: 40}
/// ```
public struct CalibrationSpec: Sendable {
    public struct Target: Sendable {
        public let statistic: String
        public let subject: String
        public let lag: Int?
        public let value: Double
        /// The moment's weight in the objective: `weight`, or 1 / sd^2 when `sd` is given.
        public let weight: Double
        public let location: SourceLocation

        /// "volatility of crypto", "acf_abs_return of crypto at lag 10".
        public var name: String { "\(statistic) of \(subject)" + (lag.map { " at lag \($0)" } ?? "") }
    }

    public struct Search: Sendable {
        /// Sobol points of the global stage, Nelder-Mead starts from the best of them, and each start's
        /// most iterations.
        public var points = 16, starts = 2, iterations = 40
    }

    public let path: String
    public let experiment: String
    public let overrides: [Override]
    public let parameters: [BatchSpec.Factor]
    public let targets: [Target]
    public let seeds: Int
    public let burnIn: Int
    /// Where `burn_in` is written (the file's first line when it is not).
    public let burnInLocation: SourceLocation
    public let search: Search

    public static let keys = ["experiment", "set", "seeds", "burn_in", "parameters", "targets", "search"]

    public static func load(_ path: String) throws(ConfigErrors) -> CalibrationSpec {
        let root = try YAMLLoader.load(file: path)
        var p = BatchParser()
        guard let m = p.mapping(root, "", known: keys, expected: "a mapping with experiment, parameters and targets") else {
            throw ConfigErrors(p.errors)
        }
        var experiment = ""
        if let node = m["experiment"], case let .scalar(text, _) = node.value, !text.isEmpty {
            experiment = PathText.resolve(text, in: PathText.directory(of: path))
        } else {
            p.fail(m["experiment"] ?? root, "experiment", "missing key (expected the path of an experiment file)")
        }
        var overrides: [Override] = []
        if let node = m["set"] {
            if let set = node.mapping { overrides = set.entries.map(Override.init) } else {
                p.fail(node, "set", "expected a mapping of key.path to value, found \(node.found)")
            }
        }
        let seeds = m["seeds"].flatMap { p.integer($0, "seeds", min: 1, max: 10_000) } ?? 4
        let burnIn = m["burn_in"].flatMap { p.integer($0, "burn_in", min: 0, max: 1_000_000) } ?? 0
        var parameters: [BatchSpec.Factor] = []
        if let node = m["parameters"], let list = node.mapping, !list.entries.isEmpty {
            for entry in list.entries {
                let parameter = BatchSpec.Parameter(key: entry.key, location: entry.keyLocation)
                if let range = p.range(parameter, entry.node, "parameters.\(entry.key)") { parameters.append(range) }
            }
        } else {
            p.fail(m["parameters"] ?? root, "parameters", "expected a mapping of key.path to {min, max, scale}")
        }
        var targets: [Target] = []
        var list = m["targets"], reported = false
        if let node = list, case let .scalar(text, _) = node.value, !text.isEmpty {
            // A target file: a mapping whose `targets` is the list (e.g. computed from data by a script).
            do {
                let file = try YAMLLoader.load(file: PathText.resolve(text, in: PathText.directory(of: path)))
                list = p.mapping(file, "", known: ["targets"], expected: "a mapping with targets")?["targets"]
                if list == nil { p.fail(file, "targets", "missing key (expected the list of targets)") }
            } catch {
                p.errors += error.errors
                list = nil
            }
            reported = list == nil
        }
        if let node = list, case let .sequence(items) = node.value, !items.isEmpty {
            for (i, item) in items.enumerated() { if let t = p.target(item, "targets[\(i)]") { targets.append(t) } }
        } else if !reported {
            p.fail(list ?? root, "targets", "expected a list of {statistic, subject, value, weight or sd}, or a file of one")
        }
        var search = Search()
        if let node = m["search"], let s = p.mapping(node, "search", known: ["points", "starts", "iterations"],
                                                     expected: "a mapping {points, starts, iterations}") {
            search.points = s["points"].flatMap { p.integer($0, "search.points", min: 1, max: 100_000) } ?? search.points
            search.starts = s["starts"].flatMap { p.integer($0, "search.starts", min: 0, max: 1_000) } ?? search.starts
            search.iterations = s["iterations"].flatMap { p.integer($0, "search.iterations", min: 1, max: 100_000) }
                ?? search.iterations
            if search.starts > search.points, let n = s["starts"] {
                p.fail(n, "search.starts", "expected at most search.points (\(search.points)) starts, found \(search.starts)")
            }
        }
        guard p.errors.isEmpty else { throw ConfigErrors(p.errors) }
        return CalibrationSpec(path: path, experiment: experiment, overrides: overrides, parameters: parameters,
                               targets: targets, seeds: seeds, burnIn: burnIn,
                               burnInLocation: m["burn_in"]?.location ?? root.location, search: search)
    }

    /// Whether a file's top level is a calibration's (it names its targets), not an experiment's.
    public static func isCalibration(_ path: String) -> Bool {
        guard let root = try? YAMLLoader.load(file: path), let m = root.mapping else { return false }
        return m["targets"] != nil && m["experiment"] != nil
    }
}

extension BatchParser {
    /// One target moment: `{statistic, subject, lag?, value, weight | sd}`.
    mutating func target(_ node: ConfigNode, _ key: String) -> CalibrationSpec.Target? {
        guard let m = mapping(node, key, known: ["statistic", "subject", "lag", "value", "weight", "sd"],
                              expected: "a mapping {statistic, subject, value, weight or sd}") else { return nil }
        func text(_ name: String) -> String? {
            guard let n = m[name] else {
                fail(node, "\(key).\(name)", "missing key")
                return nil
            }
            guard case let .scalar(t, _) = n.value, !t.isEmpty else {
                fail(n, "\(key).\(name)", "expected a name, found \(n.found)")
                return nil
            }
            return t
        }
        let statistic = text("statistic"), subject = text("subject")
        let lag = m["lag"].flatMap { integer($0, "\(key).lag", min: 1, max: 100_000) }
        guard let v = m["value"] else {
            fail(node, "\(key).value", "missing key (expected the target's value)")
            return nil
        }
        let value = number(v, "\(key).value")
        var weight: Double?
        switch (m["weight"], m["sd"]) {
        case let (w?, nil): weight = number(w, "\(key).weight")
        case let (nil, s?): weight = number(s, "\(key).sd").flatMap { $0 > 0 ? 1 / ($0 * $0) : nil }
        case (nil, nil): weight = 1
        case let (_, s?): fail(s, "\(key).sd", "give weight or sd, not both")
        }
        if let w = weight, !(w > 0 && w.isFinite) {
            fail(m["weight"] ?? m["sd"] ?? node, "\(key).\(m["sd"] != nil ? "sd" : "weight")", "expected a positive number")
            weight = nil
        }
        guard let statistic, let subject, let value, let weight else { return nil }
        return CalibrationSpec.Target(statistic: statistic, subject: subject, lag: lag, value: value, weight: weight,
                                      location: node.location)
    }
}
