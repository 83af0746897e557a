import Foundation
import Output

/// Turns a sweep directory's parts into its tables: each table is its header followed by every
/// run's rows in run_id order, written to a hidden file and renamed into place, so a table either is
/// complete or is not there.
enum Assembly {
    /// The design, one row per point.
    static func writeDesign(_ context: BatchContext, to directory: SweepDirectory) throws {
        let temporary = directory.path(".design.csv.partial")
        let out = try CSVWriter(path: temporary, header: BatchColumns.header(BatchColumns.design, keys: context.keys, assets: []))
        for p in 1...context.design.count { try out.writeRow([String(p)] + context.design.values(at: p)) }
        try out.close()
        try replace(directory.path("design.csv"), with: temporary)
    }

    /// Every file a finished sweep directory holds.
    static func files(_ headers: [(file: String, header: [String])]) -> [String] {
        ["plan.json", "design.csv"] + headers.map(\.file) + ["summary.csv", "timings.csv", "journal.log", "manifest.json"]
    }

    /// Writes every table, summary.csv and timings.csv from the parts of `runs`; returns how many
    /// of the runs did not end ok.
    static func assemble(_ directory: SweepDirectory, runs: [Int], headers: [(file: String, header: [String])]) throws -> Int {
        do {
            for (file, header) in headers {
                let temporary = directory.path(".\(file).partial")
                let head = try CSVWriter(path: temporary, header: header)
                try head.close()
                let out = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
                _ = try out.seekToEnd()
                for id in runs { try out.write(contentsOf: Data(contentsOf: directory.partFile(id, file))) }
                try out.close()
                try replace(directory.path(file), with: temporary)
            }
            let timings = directory.path(".timings.csv.partial")
            let out = try CSVWriter(path: timings, header: BatchColumns.timings.map(\.name))
            for id in runs {
                let wall = try String(contentsOf: directory.partFile(id, "wall_seconds"), encoding: .utf8)
                try out.writeRow([String(id), wall])
            }
            try out.close()
            try replace(directory.path("timings.csv"), with: timings)
            return try summarize(directory)
        } catch {
            throw Sweep.Failure.write("assembling \(directory.root.path): \(error)")
        }
    }

    /// Writes summary.csv from runs.csv; returns how many runs did not end ok.
    static func summarize(_ directory: SweepDirectory) throws -> Int {
        let temporary = directory.path(".summary.csv.partial")
        let notOK = try SummaryTable.write(runs: directory.path("runs.csv"), to: temporary)
        try replace(directory.path("summary.csv"), with: temporary)
        return notOK
    }

    static func removeParts(_ directory: SweepDirectory) {
        try? FileManager.default.removeItem(at: directory.parts)
    }

    /// rename(2): atomically puts `temporary` at `final`, replacing what was there.
    static func replace(_ final: String, with temporary: String) throws {
        guard rename(temporary, final) == 0 else {
            throw OutputError.cannotFinish(final, String(cString: strerror(errno)))
        }
    }
}
