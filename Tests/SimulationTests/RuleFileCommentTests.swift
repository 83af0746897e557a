import Config
import Foundation
import Simulation
import TestSupport
import Testing

/// Every numeric key of the shipped rule files states its valid range in its comment, and that range
/// is the one the code enforces (`drypowder describe`), so the two cannot drift apart.
@Suite struct RuleFileCommentTests {
    /// A range as (lower, lower included, upper, upper included).
    struct Range: Equatable, CustomStringConvertible {
        var low = -Double.infinity, lowIncluded = false, high = Double.infinity, highIncluded = false
        var description: String { "\(lowIncluded ? "[" : "(")\(low), \(high)\(highIncluded ? "]" : ")")" }
    }

    /// The range in a key's type as `describe` prints it: "number in [0, 1]", "integer >= 1", "number in (0, 5]".
    static func range(ofType type: String) -> Range? {
        let head = type.components(separatedBy: " or ")[0]
        var r = Range()
        if let m = head.firstMatch(of: /in ([\[(])(-?[0-9.]+(?:e[-+]?[0-9]+)?), (-?[0-9.]+(?:e[-+]?[0-9]+)?)\]/) {
            (r.low, r.lowIncluded, r.high, r.highIncluded) = (Double(m.2)!, m.1 == "[", Double(m.3)!, true)
        } else if let m = head.firstMatch(of: /(>=|>) (-?[0-9.]+(?:e[-+]?[0-9]+)?)/) {
            (r.low, r.lowIncluded) = (Double(m.2)!, m.1 == ">=")
        } else { return nil }
        return r
    }

    /// The range a comment states: "a..b", ">= a", "> a" or "> a, <= b" (the first such in its last parentheses).
    static func range(ofComment comment: String) -> Range? {
        guard let open = comment.lastIndex(of: "(") else { return nil }
        let parenthesis = comment[comment.index(after: open)...].prefix { $0 != ")" }
        let inside = parenthesis.split(separator: ";").last.map(String.init) ?? ""
        var r = Range()
        if let m = inside.firstMatch(of: /(-?[0-9.]+(?:e[-+]?[0-9]+)?)\.\.(-?[0-9.]+(?:e[-+]?[0-9]+)?)/) {
            (r.low, r.lowIncluded, r.high, r.highIncluded) = (Double(m.1)!, true, Double(m.2)!, true)
        } else if let m = inside.firstMatch(of: /> (-?[0-9.]+(?:e[-+]?[0-9]+)?), <= (-?[0-9.]+(?:e[-+]?[0-9]+)?)/) {
            (r.low, r.high, r.highIncluded) = (Double(m.1)!, Double(m.2)!, true)
        } else if let m = inside.firstMatch(of: /(>=|>) ?(-?[0-9.]+(?:e[-+]?[0-9]+)?)/) {
            (r.low, r.lowIncluded) = (Double(m.2)!, m.1 == ">=")
        } else { return nil }
        return r
    }

    /// Each key of a rule file with its dotted path (named sections as `<name>`) and its comment.
    static func keys(_ text: String, named: Set<String>) -> [(path: String, comment: String)] {
        var stack: [(indent: Int, key: String)] = [], out: [(String, String)] = []
        for line in text.split(separator: "\n") {
            guard let m = line.firstMatch(of: /^( *)([a-z_0-9]+):([^#]*)(#.*)?$/) else { continue }
            let indent = m.1.count
            while let last = stack.last, last.indent >= indent { stack.removeLast() }
            let parent = stack.last.map(\.key)
            let key = parent.map { named.contains($0.split(separator: ".").last.map(String.init) ?? "") ? "\($0).<name>" : $0 }
            let path = key.map { "\($0).\(m.2)" } ?? String(m.2)
            stack.append((indent, path))
            if let comment = m.4 { out.append((path, String(comment))) }
        }
        return out
    }

    @Test(arguments: Rules.agentTypes)
    func everyNumericKeyStatesTheRangeTheCodeEnforces(type: String) throws {
        let specs = try #require(Rules.describe(type))
        // Sections of user-named entries (market assets, ...): the component before `<name>` in a path.
        let named = Set(specs.flatMap { spec -> [String] in
            let parts = spec.path.split(separator: ".").map(String.init)
            return zip(parts, parts.dropFirst()).filter { $1 == "<name>" }.map(\.0)
        })
        let text = try String(contentsOfFile: Repository.path("Agents/\(type).yaml"), encoding: .utf8)
        var checked = 0
        for (path, comment) in Self.keys(text, named: named) {
            guard let spec = specs.first(where: { $0.path == path }), let enforced = Self.range(ofType: spec.type) else { continue }
            let stated = Self.range(ofComment: comment)
            #expect(stated == enforced, "Agents/\(type).yaml \(path): the comment states \(stated.map(\.description) ?? "no range"), the code enforces \(enforced) (\(spec.type))")
            checked += 1
        }
        #expect(checked > 0, "no key of Agents/\(type).yaml was checked")
    }
}
