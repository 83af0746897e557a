import Foundation
import Output
import Stochastics

extension Calibrator {
    public static let fitHeader = ["moment", "statistic", "subject", "lag", "target", "weight", "simulated", "ci_low",
                                   "ci_high", "contribution"]

    /// The fit at `best`: per target its value, the simulated mean with a 95% Student-t interval over the
    /// seeds, and its weighted squared error (the objective is their sum).
    public func writeFit(_ best: Evaluation, to path: String) throws -> [[String]] {
        var rows: [[String]] = []
        func format(_ x: Double) -> String { x.isFinite ? CSVWriter.format(x) : "" }
        for (t, target) in spec.targets.enumerated() {
            let xs = best.moments[t], m = Statistics.meanInterval(xs)
            let ci = xs.count >= 2 ? [m.low, m.high].map(format) : ["", ""]
            rows.append([target.name, target.statistic, target.subject, target.lag.map(String.init) ?? "",
                         format(target.value), format(target.weight), format(m.mean)] + ci
                        + [format(target.weight * pow(m.mean - target.value, 2))])
        }
        let writer = try CSVWriter(path: Disk.temporaryPath(for: path), header: Self.fitHeader)
        for row in rows { try writer.writeRow(row) }
        try writer.close()
        try Disk.rename(writer.path, to: path)
        return rows
    }

    /// The best point as an experiment: the calibrated experiment with the file's `set:` and the fitted
    /// values, runnable with `drypowder run` and usable as a `base:`.
    public func writeBest(_ best: Evaluation, to path: String) throws {
        var lines = ["# Written by `drypowder calibrate \(spec.path)`: the best point found (objective "
                     + "\(Self.text(best.objective))).", "base: \(URL(fileURLWithPath: spec.experiment).standardized.path)",
                     "set:"]
        for o in spec.overrides { lines.append("  \(o.path.joined(separator: ".")): \(o.value.flowText)") }
        for (key, value) in zip(keys, best.values) { lines.append("  \(key): \(Self.text(value))") }
        try Disk.replace(path, with: Array((lines.joined(separator: "\n") + "\n").utf8))
    }
}
