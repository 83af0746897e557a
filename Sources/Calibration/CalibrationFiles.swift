import Config
import Foundation
import Output
import Stochastics

/// The calibration's trace: one CSV row per evaluation, appended as it ends (a kill loses at most the
/// evaluation under way). A new calibration refuses an existing trace; a resumed one reads it back.
final class TraceFile {
    let path: String
    let rows: [[String]]
    private let handle: FileHandle

    init(_ path: String, header: [String], resume: Bool) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if exists && !resume {
            throw CalibrationFailure("\(path): a trace is already there: --resume to go on with it, or choose another --out")
        }
        if exists {
            let table = CSVReader.parse(try String(contentsOfFile: path, encoding: .utf8)).filter { $0.count > 1 }
            guard table.first == header else {
                throw CalibrationFailure("\(path): its columns (\(table.first?.joined(separator: ",") ?? "none")) are not this "
                                         + "calibration's (\(header.joined(separator: ","))): choose another --out")
            }
            rows = Array(table.dropFirst())
        } else {
            try Disk.makeDirectory(PathText.directory(of: path))
            try Data((header.joined(separator: ",") + "\n").utf8).write(to: URL(fileURLWithPath: path))
            rows = []
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
    }

    func append(_ fields: [String]) throws {
        try handle.write(contentsOf: Data((fields.map(Self.quoted).joined(separator: ",") + "\n").utf8))
    }

    static func quoted(_ field: String) -> String {
        field.contains { $0 == "," || $0 == "\"" || $0 == "\n" } ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    deinit { try? handle.close() }
}

extension Calibration {
    public static let fitHeader = ["moment", "statistic", "subject", "lag", "target", "weight", "simulated", "ci_low",
                                   "ci_high", "contribution"]

    /// The fit at `best`: per target its value, the simulated mean with a 95% Student-t interval over the
    /// seeds, and its weighted squared error (the objective is their sum).
    public func writeFit(_ best: Evaluation, to path: String) throws -> [[String]] {
        var rows: [[String]] = []
        for (t, target) in spec.targets.enumerated() {
            let xs = best.moments[t], m = Statistics.meanInterval(xs)
            let ci = xs.count >= 2 ? [m.low, m.high].map(Self.text) : ["", ""]
            rows.append([target.name, target.statistic, target.subject, target.lag.map(String.init) ?? "",
                         Self.text(target.value), Self.text(target.weight), Self.text(m.mean)] + ci
                        + [Self.text(target.weight * pow(m.mean - target.value, 2))])
        }
        let text = ([Self.fitHeader] + rows).map { $0.map(TraceFile.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
        try Disk.replace(path, with: Array(text.utf8))
        return rows
    }

    /// The best point as an experiment: the calibrated experiment with the file's `set:` and the fitted
    /// values, runnable with `drypowder run` and usable as a `base:`.
    public func writeBest(_ best: Evaluation, to path: String) throws {
        var lines = ["# Written by `drypowder calibrate \(spec.path)`: the best point found (objective "
                     + "\(Self.text(best.objective))).", "base: \(URL(fileURLWithPath: spec.experiment).standardized.path)", "set:"]
        for o in spec.overrides { lines.append("  \(o.path.joined(separator: ".")): \(o.value.flowText)") }
        for (key, value) in zip(keys, best.values) { lines.append("  \(key): \(Self.text(value))") }
        try Disk.replace(path, with: Array((lines.joined(separator: "\n") + "\n").utf8))
    }
}
