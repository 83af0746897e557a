import Foundation
import Output

/// The files of a sweep, in `--out DIR`:
/// - `plan.json`: what the directory is for (config hash, runs, shard), written first; `--resume` checks it;
/// - `design.csv`: the design, written before the first run;
/// - `parts/RUN_ID/`: one finished run's rows, renamed into place only when complete (the crash-safe
///   record of what is done; a killed run leaves only a hidden `.RUN_ID.partial-PID` that is ignored);
/// - `journal.log`: one line per finished run (`run_id status wall_seconds`), for people and tail -f;
/// - the tables, `summary.csv`, `timings.csv` and, last of all, `manifest.json`: a sweep is finished
///   exactly when `manifest.json` exists. The parts are removed once the tables are in place.
public struct SweepDirectory: Sendable {
    public let root: URL

    public init(_ path: String) { root = URL(fileURLWithPath: path, isDirectory: true) }

    public func path(_ file: String) -> String { root.appendingPathComponent(file).path }
    var parts: URL { root.appendingPathComponent("parts", isDirectory: true) }
    public var isFinished: Bool { FileManager.default.fileExists(atPath: path("manifest.json")) }

    /// A run's part while it is being written; `commit` renames it into place.
    struct Part {
        let staging: URL
        let final: URL
        func path(_ file: String) -> String { staging.appendingPathComponent(file).path }

        /// Writes the run's wall time (to 0.1 ms) and returns it as written, for the journal.
        func writeWallTime(_ seconds: Double) throws -> String {
            let text = CSVWriter.format((seconds * 1e4).rounded() / 1e4)
            try Data(text.utf8).write(to: staging.appendingPathComponent("wall_seconds"))
            return text
        }

        func commit() throws {
            let fm = FileManager.default
            try? fm.removeItem(at: final)
            try fm.moveItem(at: staging, to: final)
        }
    }

    func part(_ id: Int) throws -> Part {
        let staging = parts.appendingPathComponent(".\(id).partial-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        return Part(staging: staging, final: parts.appendingPathComponent(String(id), isDirectory: true))
    }

    func partFile(_ id: Int, _ file: String) -> URL {
        parts.appendingPathComponent(String(id)).appendingPathComponent(file)
    }

    /// The runs whose parts were committed (finished, ok or not).
    func finishedRuns() -> Set<Int> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parts.path)) ?? []
        return Set(names.compactMap { Int($0) })
    }

    /// Writes `text` to `file` atomically (a temporary sibling renamed into place).
    func writeAtomically(_ text: String, to file: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(file)), options: .atomic)
    }

    /// Appends one line to the journal. O_APPEND makes each short write land whole at the end, so
    /// lines from several threads never interleave.
    func journal(_ line: String) {
        let fd = open(path("journal.log"), O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
