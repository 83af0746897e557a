import Config
import Foundation

/// A JSON value whose objects keep their key order, so manifests are stable and diffable.
public indirect enum JSON: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(x):
            guard x.isFinite else { return "null" }
            return x == x.rounded() && abs(x) <= Bound.largestExactInteger ? String(Int64(x)) : x.description
        case let .string(s): return Self.quote(s)
        case let .array(items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(end)]"
        case let .object(pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { pad + Self.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(end)}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension JSON {
    /// A value read back from a JSON file (`ManifestFile`), as JSON: numbers, texts, lists and objects
    /// (keys sorted); null for anything else. Booleans come back as the numbers 1 and 0.
    public init(parsed value: Any?) {
        switch value {
        case let i as Int: self = .number(Double(i))
        case let x as Double: self = .number(x)
        case let s as String: self = .string(s)
        case let items as [Any]: self = .array(items.map { JSON(parsed: $0) })
        case let object as [String: Any]: self = .object(object.keys.sorted().map { ($0, JSON(parsed: object[$0])) })
        default: self = .null
        }
    }

    /// A scenario event as the manifests record it: when, what it sets, and where it is written.
    public init(_ event: ScenarioEvent) {
        self = .object([
            ("from", .number(Double(event.start))), ("to", event.end.map { .number(Double($0)) } ?? .null),
            ("set", .object(event.overrides.map { ($0.path.joined(separator: "."), JSON($0.value)) })),
            ("written_at", .string(event.location.description)),
        ])
    }

    /// A configuration tree as JSON: plain scalars that read as numbers or booleans become those.
    public init(_ node: ConfigNode) {
        switch node.value {
        case let .scalar(text, quoted):
            if quoted { self = .string(text) } else if text == "true" || text == "false" {
                self = .bool(text == "true")
            } else if text.isEmpty || text == "~" || text == "null" {
                self = .null
            } else if let x = Double(text.replacingOccurrences(of: "_", with: "")), x.isFinite {
                self = .number(x)
            } else { self = .string(text) }
        case let .sequence(items): self = .array(items.map(JSON.init))
        case let .mapping(m): self = .object(m.entries.map { ($0.key, JSON($0.node)) })
        }
    }
}
