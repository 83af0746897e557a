import Foundation

/// `base: other.yaml`: an experiment made of another plus changes. The base (and its own base, in
/// turn) is read first; then each top-level key of this file replaces the base's, except the mappings
/// `set`, `agents`, `variants`, `run` and `outputs`, which are merged key by key (this file's entries
/// win; its `set:` entries apply after the base's, so both are in force in that order). Rule files a
/// base names stay relative to the base.
extension Experiment {
    /// Keys whose mappings merge with the base's rather than replace them.
    static let mergedKeys: Set<String> = ["set", "agents", "variants", "run", "outputs"]

    /// The experiment file at `path` with its `base:` chain merged in; a base named like one of
    /// `ruleTypes` without a `run:` section is a rule file, not an experiment, and an error.
    static func loadWithBase(_ path: String, ruleTypes: [String], chain: [String] = []) throws(ConfigErrors)
        -> ConfigNode {
        let root = try YAMLLoader.load(file: path)
        guard var own = root.mapping, let entry = own.entries.first(where: { $0.key == "base" }) else { return root }
        guard case let .scalar(file, _) = entry.node.value, !file.isEmpty else {
            throw ConfigErrors([ConfigError(entry.node.location, "base",
                                            "expected the path of an experiment file, found \(entry.node.found)")])
        }
        let basePath = PathText.resolve(file, in: PathText.directory(of: path))
        guard FileManager.default.fileExists(atPath: basePath) else {
            throw ConfigErrors([ConfigError(entry.node.location, "base", "experiment file not found: \(basePath)")])
        }
        let here = URL(fileURLWithPath: path).standardizedFileURL.path
        let seen = chain + [here]
        guard !seen.contains(URL(fileURLWithPath: basePath).standardizedFileURL.path) else {
            throw ConfigErrors([ConfigError(entry.node.location, "base", "the base chain loops: "
                                            + (seen + [basePath]).joined(separator: " -> "))])
        }
        let base = try loadWithBase(basePath, ruleTypes: ruleTypes, chain: seen)
        let stem = PathText.stem(of: basePath)
        if ruleTypes.contains(stem), base.mapping?["run"] == nil {
            throw ConfigErrors([ConfigError(entry.node.location, "base", "\(basePath) is the \(stem) rule file, "
                                            + "not an experiment: name it under agents: instead")])
        }
        var merged = base.mapping ?? ConfigMapping()
        if let agents = merged["agents"], let mapping = agents.mapping {
            merged["agents"] = ConfigNode(.mapping(Self.absolute(mapping, from: basePath)), at: agents.location)
        }
        own["base"] = nil
        for entry in own.entries {
            if Self.mergedKeys.contains(entry.key), var combined = merged[entry.key]?.mapping,
               let mine = entry.node.mapping {
                for item in mine.entries {
                    if entry.key != "set" { combined[item.key] = nil }  // set: both apply, the base's first
                    combined.entries.append(item)
                }
                merged[entry.key] = ConfigNode(.mapping(combined), at: entry.node.location)
            } else {
                merged[entry.key] = nil
                merged.entries.append(entry)
            }
        }
        return ConfigNode(.mapping(merged), at: root.location)
    }

    /// A base's `agents:` paths made absolute, so they still name the base's rule files from here.
    private static func absolute(_ agents: ConfigMapping, from basePath: String) -> ConfigMapping {
        var out = agents
        for i in out.entries.indices {
            guard case let .scalar(file, quoted) = out.entries[i].node.value, !file.isEmpty else { continue }
            let relative = PathText.resolve(file, in: PathText.directory(of: basePath))
            let resolved = URL(fileURLWithPath: relative).standardizedFileURL.path
            out.entries[i].node = ConfigNode(.scalar(resolved, quoted: quoted), at: out.entries[i].node.location)
        }
        return out
    }
}

extension Experiment {
    /// The experiment file at `path` and its `base:` chain, nearest first (of a file that loads).
    public static func chain(of path: String) -> [String] {
        var files = [path]
        while let root = try? YAMLLoader.load(file: files[files.count - 1]),
              case let .scalar(file, _)? = root.mapping?["base"]?.value, !file.isEmpty {
            let base = PathText.resolve(file, in: PathText.directory(of: files[files.count - 1]))
            guard !files.contains(base) else { break }
            files.append(base)
        }
        return files
    }
}
