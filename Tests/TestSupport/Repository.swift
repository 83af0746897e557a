import Foundation

/// Paths into this checkout, so tests read the shipped Agents/ and Experiments/ files.
public enum Repository {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static func path(_ relative: String) -> String { root + "/" + relative }

    public static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { path(folder + "/" + $0) }
    }

    /// A fresh empty directory under the system's temporary directory.
    public static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "drypowder-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes an experiment that uses the shipped agent files (by default: it names none), but for
    /// the types in `agents` (type: rule file path), with `extra` YAML appended to its `set:` block.
    public static func experiment(_ name: String = "probe", steps: Int = 30, retail: Int = 500, agents: [String: String] = [:],
                                  extra: String = "") -> String {
        let dir = temporaryDirectory()
        let named = agents.isEmpty ? "" : "agents:\n" + agents.sorted { $0.key < $1.key }.map { "  \($0): \($1)\n" }.joined()
        let text = """
            description: "test experiment"
            run:
              seed: 7
              steps: \(steps)
              generator: taus2
            \(named)set:
              retail.count: \(retail)
            \(extra)
            """
        let file = dir + "/\(name).yaml"
        try! text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A copy of a shipped experiment (Experiments/<name>.yaml) at a test-friendly scale (in another
    /// folder: the project's agent files are its defaults): `replications` in place of the file's, and each `(old, new)` text
    /// replaced (e.g. the number of steps).
    public static func shippedExperiment(_ name: String, replications: Int, replacing: [(String, String)] = []) -> String {
        var text = try! String(contentsOfFile: path("Experiments/\(name).yaml"), encoding: .utf8)
        text = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("replications:") ? "replications: \(replications)" : String($0) }.joined(separator: "\n")
        for (old, new) in replacing {
            precondition(text.contains(old), "\(name).yaml no longer holds '\(old)'")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let file = temporaryDirectory() + "/\(name).yaml"
        try! text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The 1-based line of the first line of `path` that contains `needle`, or 0.
    public static func line(of needle: String, in path: String) -> Int {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }
}

/// Processes for tests of what killed runs leave behind.
public enum Processes {
    /// The id of a process that has ended (a short-lived child, waited for).
    public static func endedPID() -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try! process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
