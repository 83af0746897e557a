import Config
import Foundation
import Simulation
import Stochastics

/// `manifest.json`: everything needed to know what produced a run and to reproduce it.
public struct Manifest {
    public static let version = "0.1.0"

    public var experiment: Experiment
    public var seed: UInt64
    public var generator: Generator
    public var steps: Int
    public var startedAt: Date
    public var wallSeconds: Double
    public var files: [String]
    /// How the run ended (ok: a run that stopped leaves no manifest), and its markets' halts: the days
    /// some market halted at its daily limit, and the first halt on one line (empty when none).
    public var status: RunStatus = .ok
    public var haltDays = 0
    public var halts = ""

    public var json: JSON {
        .object([
            ("drypowder_version", .string(Self.version)),
            ("git_commit", Self.gitCommit.map(JSON.string) ?? .null),
            ("experiment", .string(experiment.name)),
            ("experiment_file", .string(experiment.path)),
            ("seed", .number(Double(seed))),
            ("status", .string(status.rawValue)),
            ("halt_days", .number(Double(haltDays))),
            ("halts", .string(halts)),
            ("generator", .string(generator.rawValue)),
            ("gsl_version", .string(gslVersion)),
            ("steps", .number(Double(steps))),
            ("started_at", .string(ISO8601DateFormatter().string(from: startedAt))),
            ("wall_time_seconds", .number((wallSeconds * 1000).rounded() / 1000)),
            ("peak_resident_bytes", Self.peakResidentBytes().map { .number(Double($0)) } ?? .null),
            ("files", .array(files.map(JSON.string))),
            ("config", .object(
                [("settings", JSON(experiment.settings))]
                    + [("agents", .object(experiment.agents.map { ($0.type, .object([
                        ("file", .string($0.file)), ("rules", JSON($0.rules)),
                    ])) }))]
                    + [("events", .array(experiment.events.map(JSON.init)))])),
        ])
    }

    /// This process's peak resident memory so far (VmHWM of /proc/self/status; nil where there is none).
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb * 1024
    }

    /// The checkout this program was built from (this file is `Sources/Output/Manifest.swift` in it).
    public static let sourceCheckout: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The commit of the checkout this program was built from, `-modified` appended when its tracked
    /// files differ from it; nil without git or without the checkout. Read once per process, when a run
    /// or sweep starts: the checkout's state then, which is what was built unless it was changed
    /// without rebuilding.
    public static let gitCommit: String? = {
        guard let commit = git(["rev-parse", "HEAD"]), !commit.isEmpty else { return nil }
        let modified = git(["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return commit + (modified ? "-modified" : "")
    }()

    /// "0.1.0 (commit abc..., from /path/to/checkout)": what `--version` prints.
    public static var versionText: String {
        "\(version) (" + (gitCommit.map { "commit \($0), " } ?? "commit unknown, ") + "from \(sourceCheckout))"
    }

    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", sourceCheckout] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
