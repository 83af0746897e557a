import Foundation
import Yams

/// Reads YAML text into `ConfigNode`s that remember file and line.
///
/// drypowder's configuration format is YAML because every node Yams composes carries its line, so
/// every error can name `file:line: key.path`; scalars are typed later and strictly (only `true` and
/// `false` are booleans, so YAML 1.1's `no`/`on` surprises cannot happen).
public enum YAMLLoader {
    /// Parses a whole file; its top level must be a mapping.
    public static func load(file path: String) throws(ConfigErrors) -> ConfigNode {
        let text: String
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ConfigErrors([ConfigError(SourceLocation(file: path, line: 0), "", "cannot read file: no such file")])
        }
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigErrors([ConfigError(SourceLocation(file: path, line: 0), "", "cannot read file: \(error.localizedDescription)")])
        }
        let node = try parse(text, file: path)
        guard node.mapping != nil else {
            throw ConfigErrors([ConfigError(node.location, "", "expected a mapping of keys at the top level, found \(node.found)")])
        }
        return node
    }

    /// Parses one YAML document; `file` names it in messages. An empty document is an empty mapping.
    public static func parse(_ text: String, file: String, line: Int = 0) throws(ConfigErrors) -> ConfigNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigErrors([syntaxError(error, text: text, file: file, line: line)])
        }
        guard let root else { return ConfigNode(.mapping(ConfigMapping()), at: SourceLocation(file: file, line: 1)) }
        return try convert(root, file: file, line: line, path: "")
    }

    private static func convert(_ node: Node, file: String, line: Int, path: String) throws(ConfigErrors) -> ConfigNode {
        func here(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: line > 0 ? line : (mark?.line ?? 0))
        }
        switch node {
        case let .scalar(s):
            let quoted = s.style != .plain
            return ConfigNode(.scalar(s.string, quoted: quoted), at: here(s.mark))
        case let .sequence(seq):
            var items: [ConfigNode] = []
            for (i, item) in seq.enumerated() {
                items.append(try convert(item, file: file, line: line, path: "\(path)[\(i)]"))
            }
            return ConfigNode(.sequence(items), at: here(seq.mark))
        case let .mapping(map):
            var entries: [ConfigMapping.Entry] = []
            for (key, value) in map {
                guard case let .scalar(k) = key else {
                    throw ConfigErrors([ConfigError(here(key.mark), path, "keys must be plain names")])
                }
                let keyPath = path.isEmpty ? k.string : "\(path).\(k.string)"
                let child = try convert(value, file: file, line: line, path: keyPath)
                entries.append(.init(key: k.string, keyLocation: here(k.mark), node: child))
            }
            return ConfigNode(.mapping(ConfigMapping(entries)), at: here(map.mark ?? map.first?.key.mark))
        case .alias:
            throw ConfigErrors([ConfigError(here(node.mark), path, "YAML aliases are not supported; write the value out")])
        }
    }

    private static func syntaxError(_ error: Error, text: String, file: String, line: Int) -> ConfigError {
        func at(_ mark: Mark?) -> SourceLocation { at(mark?.line ?? 0) }
        func at(_ markLine: Int) -> SourceLocation { SourceLocation(file: file, line: line > 0 ? line : markLine) }
        guard let yaml = error as? YamlError else { return ConfigError(at(nil), "", "invalid YAML: \(error)") }
        switch yaml {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return ConfigError(at(mark), "", "invalid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let first = context.mark.line
            let again = repeatLine(of: key, after: first, in: text) ?? first
            return ConfigError(at(again), key,
                               "duplicate key (first written at line \(first))")
        default:
            return ConfigError(at(nil), "", "invalid YAML: \(yaml)")
        }
    }

    /// The line of the next `key:` at the same indentation as line `first` (1-based), if any.
    private static func repeatLine(of key: String, after first: Int, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first >= 1, first <= lines.count else { return nil }
        let indent = lines[first - 1].prefix { $0 == " " }.count
        for i in first..<lines.count {
            let line = lines[i]
            let lineIndent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(lineIndent)
            if lineIndent == indent, rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                return i + 1
            }
        }
        return nil
    }
}
