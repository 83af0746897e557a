import Foundation

/// The full model as a user runs it: `drypowder run Experiments/bench.yaml` in a child process, so
/// the wall time includes start-up, set-up and writing the CSV, and the peak memory (from the run's
/// manifest) is the run's own.
enum ModelBench {
    static func run(_ method: Method, experiment: String, settings: [String], scratch: String) -> (Timing, peakBytes: Double) {
        var peak = 0.0
        let overrides = settings.flatMap { ["--set", $0] }
        let timing = method.time {
            try? FileManager.default.removeItem(atPath: scratch)
            drypowder(["run", experiment, "--out", scratch, "--quiet"] + overrides)
            let name = URL(fileURLWithPath: experiment).deletingPathExtension().lastPathComponent
            peak = max(peak, manifestNumber(scratch + "/" + name, "peak_resident_bytes") ?? 0)
        }
        try? FileManager.default.removeItem(atPath: scratch)
        return (timing, peak)
    }
}
