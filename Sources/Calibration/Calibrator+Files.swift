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
        for (t, target) in spec.targets.enumerated() {
            let xs = best.moments[t], m = Statistics.meanInterval(xs)
            let ci = xs.count >= 2 ? [m.low, m.high].map(Self.text) : ["", ""]
            rows.append([target.name, target.statistic, target.subject, target.lag.map(String.init) ?? "",
                         Self.text(target.value), Self.text(target.weight), Self.text(m.mean)] + ci
                        + [Self.text(target.weight * pow(m.mean - target.value, 2))])
        }
        let lines = ([Self.fitHeader] + rows).map { $0.map(TraceFile.quoted).joined(separator: ",") }
        try Disk.replace(path, with: Array((lines.joined(separator: "\n") + "\n").utf8))
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
