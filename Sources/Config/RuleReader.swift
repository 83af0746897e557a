import Foundation

/// Reads one section of configuration (a rule file, or a mapping inside one) into typed values.
///
/// Each accessor both reads a key and declares it: its meaning, unit and valid range. Every key is
/// required: there are no defaults. Run over a file it validates (collecting every error, returning a
/// placeholder inside the key's range so reading goes on; rules read with errors are never used); run
/// with `describing` it reads nothing, returns placeholders and records the documentation. A rule type therefore declares each
/// key exactly once, in its `init(_: inout RuleReader)`.
///
/// Call `finish()` after reading: it reports unknown keys and throws everything collected.
public struct RuleReader {
    /// The shared record of one reading pass: errors found and keys declared.
    final class Log {
        var errors: [ConfigError] = []
        var specs: [KeySpec] = []
    }

    private let mapping: ConfigMapping?
    private let location: SourceLocation
    /// Path of this mapping inside its section ("" at the section's top).
    private let prefix: String
    /// Name of the section in the resolved configuration (e.g. "hedge_fund"), used to qualify paths of
    /// values that came from another file (overrides).
    private let section: String
    private let log: Log
    private var seen: [String] = []
    /// The scope recorded for keys read from now on (set it around set-up keys).
    public var scope: KeyScope = .dynamic

    /// A reader over `node`, the section named `section` of the resolved configuration.
    public init(_ node: ConfigNode, section: String) {
        self.init(node: node, prefix: "", section: section, log: Log())
    }

    /// A reader that validates nothing and records each key's documentation.
    public static func describing(section: String) -> RuleReader {
        RuleReader(node: nil, prefix: "", section: section, log: Log())
    }

    private init(node: ConfigNode?, prefix: String, section: String, log: Log) {
        self.mapping = node?.mapping
        self.location = node?.location ?? SourceLocation(file: section, line: 0)
        self.prefix = prefix
        self.section = section
        self.log = log
        if let node, node.mapping == nil {
            fail(node, "", "expected a mapping of keys, found \(node.found)")
        }
    }

    public var isDescribing: Bool { mapping == nil }
    /// The keys declared so far (complete after reading, in reading order).
    public var specs: [KeySpec] { log.specs }
    public var errors: [ConfigError] { log.errors }

    /// Throws every error collected, plus one for each key that no accessor read.
    public func finish() throws(ConfigErrors) {
        if log.errors.isEmpty == false || mapping != nil { reportUnknownKeys() }
        if !log.errors.isEmpty { throw ConfigErrors(log.errors) }
    }

    /// Reports `message` unless `holds`: for rules that tie keys together, such as a floor that may not
    /// exceed its cap. Reported at the first of `keys` (already read) whose value an override set, else
    /// at the first. Checked wherever the keys are read, so in scenario events too.
    public func require(_ holds: Bool, at keys: [String], _ message: @autoclosure () -> String) {
        guard !holds, let mapping else { return }
        let found = keys.compactMap { key in mapping[key].map { (key, $0) } }
        guard let (key, node) = found.first(where: { $0.1.location.file != location.file }) ?? found.first else { return }
        fail(node, key, message())
    }

    public func require(_ holds: Bool, at key: String, _ message: @autoclosure () -> String) {
        require(holds, at: [key], message())
    }

    // MARK: accessors

    /// A finite number within `bound`.
    public mutating func number(_ key: String, _ meaning: String, unit: String, _ bound: Bound = .any) -> Double {
        let expected = "a number\(bound.phrase)", value = bound.placeholder
        declare(key, "number\(bound.phrase)", meaning, unit, bound: bound)
        guard let node = take(key, expected) else { return value }
        guard let x = Self.parseNumber(node) else {
            fail(node, key, "expected \(expected), found \(node.found)\(Self.nonFiniteHint(node))")
            return value
        }
        guard bound.contains(x) else {
            fail(node, key, "expected \(expected), found \(node.found)")
            return value
        }
        return x
    }

    /// A whole number within `bound` (`1e6` and `1_000_000` are accepted), at most 2^53 - 1 in size
    /// (every such integer is exact as a double).
    public mutating func integer(_ key: String, _ meaning: String, unit: String, _ bound: Bound = .any) -> Int {
        let expected = "an integer\(bound.phrase)", value = Int(bound.placeholder.rounded(.up))
        declare(key, "integer\(bound.phrase)", meaning, unit, bound: bound)
        guard let node = take(key, expected) else { return value }
        guard let x = Self.parseNumber(node), x == x.rounded(), abs(x) <= Bound.largestExactInteger else {
            fail(node, key, "expected \(expected), found \(node.found)")
            return value
        }
        guard bound.contains(x) else {
            fail(node, key, "expected \(expected), found \(node.found)")
            return value
        }
        return Int(x)
    }

    /// `true` or `false`.
    public mutating func flag(_ key: String, _ meaning: String) -> Bool {
        let value = false
        declare(key, "true or false", meaning, "")
        guard let node = take(key, "true or false") else { return value }
        guard case let .scalar(text, false) = node.value, text == "true" || text == "false" else {
            fail(node, key, "expected true or false, found \(node.found)")
            return value
        }
        return text == "true"
    }

    /// Any string.
    public mutating func text(_ key: String, _ meaning: String) -> String {
        let value = ""
        declare(key, "text", meaning, "")
        guard let node = take(key, "a text") else { return value }
        guard case let .scalar(text, _) = node.value, node.found != "nothing" else {
            fail(node, key, "expected a text, found \(node.found)")
            return value
        }
        return text
    }

    /// One of an enumeration's raw values.
    public mutating func choice<T: RawRepresentable & CaseIterable>(
        _ key: String, _ meaning: String
    ) -> T where T.RawValue == String {
        let names = T.allCases.map(\.rawValue).joined(separator: ", "), value = T.allCases.first!
        declare(key, "one of: \(names)", meaning, "")
        guard let node = take(key, "one of: \(names)") else { return value }
        guard case let .scalar(text, _) = node.value, let v = T(rawValue: text) else {
            fail(node, key, "expected one of: \(names); found \(node.found)")
            return value
        }
        return v
    }

    /// A list of texts (e.g. an ordering of asset names).
    public mutating func texts(_ key: String, _ meaning: String) -> [String] {
        let value: [String] = []
        declare(key, "list of texts", meaning, "")
        guard let node = take(key, "a list of texts") else { return value }
        guard case let .sequence(items) = node.value else {
            fail(node, key, "expected a list of texts, found \(node.found)")
            return value
        }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case let .scalar(text, _) = item.value, item.found != "nothing" else {
                fail(item, "\(key)[\(i)]", "expected a text, found \(item.found)")
                continue
            }
            out.append(text)
        }
        return out
    }

    /// A nested mapping, read by `body` with a reader over it.
    public mutating func section<T>(_ key: String, _ meaning: String, _ body: (inout RuleReader) -> T) -> T {
        let path = qualified(key)
        if isDescribing {
            log.specs.append(KeySpec(path: path, type: "section", meaning: meaning, unit: ""))
            var inner = RuleReader(node: nil, prefix: path, section: section, log: log)
            inner.scope = scope
            return body(&inner)
        }
        let node = take(key, "a mapping") ?? ConfigNode(.mapping(ConfigMapping()), at: location)
        var inner = RuleReader(node: node.mapping == nil ? nil : node, prefix: path, section: section, log: log)
        inner.scope = scope
        if node.mapping == nil { fail(node, key, "expected a mapping of keys, found \(node.found)") }
        let result = body(&inner)
        if node.mapping != nil { inner.reportUnknownKeys() }
        return result
    }

    /// A mapping of user-chosen names to sections with the same keys (e.g. `assets: {crypto: {...}}`),
    /// each read by `body`. Names must be lowercase identifiers, so they can name CSV columns.
    public mutating func namedSections<T>(_ key: String, _ meaning: String,
                                          _ body: (String, inout RuleReader) -> T) -> [T] {
        let path = qualified(key)
        if isDescribing {
            log.specs.append(KeySpec(path: path, type: "section", meaning: meaning, unit: ""))
            var inner = RuleReader(node: nil, prefix: "\(path).<name>", section: section, log: log)
            inner.scope = scope
            return [body("<name>", &inner)]
        }
        guard let node = take(key, "a mapping of names to sections") else { return [] }
        guard let named = node.mapping, !named.entries.isEmpty else {
            fail(node, key, "expected a mapping of names to sections, found \(node.mapping == nil ? node.found : "an empty mapping")")
            return []
        }
        var out: [T] = []
        for entry in named.entries {
            let valid = entry.key.first?.isLetter == true
                && entry.key.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "_" }
            if !valid {
                log.errors.append(ConfigError(entry.keyLocation, "\(path).\(entry.key)",
                                              "names use lowercase letters, digits and _, starting with a letter"))
            }
            var inner = RuleReader(node: entry.node, prefix: "\(path).\(entry.key)", section: section, log: log)
            inner.scope = scope
            out.append(body(entry.key, &inner))
            if entry.node.mapping != nil { inner.reportUnknownKeys() }
        }
        return out
    }

    /// A per-agent parameter: a number for everyone, or a distribution to draw from (see `DistributionSpec`).
    public mutating func distribution(_ key: String, _ meaning: String, unit: String,
                                      _ bound: Bound = .any) -> DistributionSpec {
        let expected = "a number\(bound.phrase) or a distribution (uniform, normal, lognormal)"
        let value = DistributionSpec.fixed(bound.placeholder)
        declare(key, expected.dropFirst(2).description, meaning, unit, bound: bound)
        guard let node = take(key, expected) else { return value }
        if case .scalar = node.value {
            guard let x = Self.parseNumber(node), bound.contains(x) else {
                fail(node, key, "expected \(expected), found \(node.found)\(Self.nonFiniteHint(node))")
                return value
            }
            return .fixed(x)
        }
        guard node.mapping != nil else {
            fail(node, key, "expected \(expected), found \(node.found)")
            return value
        }
        let before = log.errors.count
        var inner = RuleReader(node: node, prefix: qualified(key), section: section, log: log)
        inner.scope = scope
        let spec = inner.readDistribution(bound)
        inner.reportUnknownKeys()
        return log.errors.count == before ? spec : value
    }

    // MARK: internals

    private mutating func readDistribution(_ bound: Bound) -> DistributionSpec {
        enum Kind: String, CaseIterable { case uniform, normal, lognormal }
        let kind: Kind = choice("distribution", "family")
        let (lo, hi) = bound.limits
        switch kind {
        case .uniform:
            let a = number("min", "lower end", unit: "", .closed(lo, hi))
            let b = number("max", "upper end", unit: "", .closed(lo, hi))
            if a > b, let node = mapping?["max"] { fail(node, "max", "expected max >= min (\(Bound.format(a))), found \(node.found)") }
            return .uniform(min: a, max: b)
        case .normal:
            let m = number("mean", "mean", unit: "", bound)
            return .normal(mean: m, sd: number("sd", "standard deviation", unit: "", .nonNegative))
        case .lognormal:
            if hi <= 0, let node = mapping?["distribution"] {
                fail(node, "distribution", "lognormal draws positive values, but this key must be\(bound.phrase)")
            }
            let m = number("mean", "mean of the drawn value", unit: "", .positive)
            require(bound.contains(m), at: "mean", "expected a mean\(bound.phrase), found \(Bound.format(m))")
            return .lognormal(mean: m, sd: number("sd", "standard deviation of the drawn value", unit: "", .nonNegative))
        }
    }

    private func qualified(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    private func declare(_ key: String, _ type: String, _ meaning: String, _ unit: String, bound: Bound? = nil) {
        if isDescribing {
            log.specs.append(KeySpec(path: qualified(key), type: type, meaning: meaning, unit: unit, bound: bound,
                                     scope: scope))
        }
    }

    /// The node for `key`, marking it read; a missing key is an error.
    private mutating func take(_ key: String, _ expected: String) -> ConfigNode? {
        guard let mapping else { return nil }
        seen.append(key)
        guard let node = mapping[key] else {
            log.errors.append(ConfigError(location, qualified(key), "missing key (expected \(expected))"))
            return nil
        }
        return node
    }

    private func fail(_ node: ConfigNode, _ key: String, _ message: String) {
        let path = key.isEmpty ? prefix : qualified(key)
        let shown = node.location.file == location.file || section.isEmpty ? path : "\(section).\(path)"
        log.errors.append(ConfigError(node.location, shown, message))
    }

    private func reportUnknownKeys() {
        guard let mapping else { return }
        for entry in mapping.entries where !seen.contains(entry.key) {
            var message = "unknown key"
            if let near = Self.nearest(entry.key, in: seen) { message += "; did you mean '\(near)'?" }
            let path = qualified(entry.key)
            let shown = entry.keyLocation.file == location.file || section.isEmpty ? path : "\(section).\(path)"
            log.errors.append(ConfigError(entry.keyLocation, shown, message))
        }
    }

    static func parseNumber(_ node: ConfigNode) -> Double? {
        guard case let .scalar(raw, false) = node.value else { return nil }
        let text = raw.contains("_") && raw.first?.isNumber == true ? raw.replacingOccurrences(of: "_", with: "") : raw
        guard let x = Double(text), x.isFinite else { return nil }
        return x
    }

    private static func nonFiniteHint(_ node: ConfigNode) -> String {
        guard case let .scalar(text, false) = node.value else { return "" }
        let t = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "+-."))
        return ["nan", "inf", "infinity"].contains(t) ? " (NaN and infinities are not allowed)" : ""
    }

    /// The known key closest to `key` by edit distance, if it is a plausible typo.
    public static func nearest(_ key: String, in known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(2, key.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
