import Config
import Foundation
import TestSupport
import Testing

/// `tools/targets.py` computes the baseline's targets from real series: the shipped file must be its output
/// now, and `--check` must notice a stale one. Runs when Python has the package `arch` (`make targets`
/// installs it; .ci/run does too).
@Suite struct TargetsScriptTests {
    static let hasArch = Python.has("arch")

    @Test(.enabled(if: hasArch)) func theShippedTargetsAreTheScriptsOutput() throws {
        let shipped = Repository.path("Experiments/targets/baseline.yaml")
        let check = Python.run(["tools/targets.py", "--check", shipped])
        #expect(check.status == 0, "\(check.output)")
        // A value edited by hand is stale.
        let edited = Repository.temporaryDirectory() + "/baseline.yaml"
        let text = try String(contentsOfFile: shipped, encoding: .utf8)
        try text.replacingOccurrences(of: "value: 0.0396,", with: "value: 0.04,").write(toFile: edited, atomically: true,
                                                                                        encoding: .utf8)
        let stale = Python.run(["tools/targets.py", "--check", edited])
        #expect(stale.status != 0 && stale.output.contains("stale"), "\(stale.output)")
    }

    /// The shipped calibration reads them: twelve moments, the equities' weights from the windows' sds.
    @Test func theShippedCalibrationReadsTheTargetFile() throws {
        let spec = try CalibrationSpec.load(Repository.path("Experiments/calibrate-baseline.yaml"))
        #expect(spec.targets.count == 12)
        let saas = try #require(spec.targets.first { $0.name == "volatility of saas" })
        #expect(saas.location.file.hasSuffix("Experiments/targets/baseline.yaml") && saas.weight > 0)
        #expect(Set(spec.targets.map(\.subject)) == ["saas", "memory", "crypto", "treasury", "all"])
    }
}
