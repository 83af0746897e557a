import Config
import Foundation
import TestSupport
import Testing
@testable import Calibration

/// The method of simulated moments recovers parameters it generated the targets with, and calibration
/// files get the usual file:line:key errors.
@Suite struct CalibrationTests {
    /// A calibration file over the test experiment; `targets` is its YAML list.
    func file(_ targets: String, parameters: String, search: String = "{points: 6, starts: 1, iterations: 30}") -> String {
        let experiment = Repository.experiment("identify", steps: 150, retail: 100)
        let path = Repository.temporaryDirectory() + "/calibrate.yaml"
        try! """
            experiment: \(experiment)
            seeds: 2
            burn_in: 10
            parameters:
            \(parameters)
            targets:
            \(targets)
            search: \(search)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Identification: the Treasury's and SaaS's volatilities simulated at known order sizes (on the
    /// calibration's own seeds) are the targets; the search starts from its Sobol points, none of them the
    /// truth. It must reproduce both moments within 1% (the objective is 0 at the truth on common random
    /// numbers: the search has to find a point as good) and recover the Treasury's size within 5%: its
    /// volatility rises smoothly with it (measured: 1.0% off). SaaS's size is not identified at this scale:
    /// with two seeds of 150 steps its volatility is not monotone in it (sizes 0.0016 and 0.002 both give
    /// 1.30% on seed 7; one seed's path has a spike), so its recovery is not asserted.
    @Test func itRecoversTheParametersThatMadeItsTargets() throws {
        let parameters = """
              speculator.markets.treasury.order_size: {min: 0.001, max: 0.02, scale: log}
              speculator.markets.saas.order_size: {min: 0.0005, max: 0.008, scale: log}
            """
        let truth = [0.0045, 0.002]
        let probe = try Calibrator(try CalibrationSpec.load(file("""
              - {statistic: volatility, subject: treasury, value: 0.01}
              - {statistic: volatility, subject: saas, value: 0.01}
            """, parameters: parameters)), trace: Repository.temporaryDirectory() + "/probe/trace.csv", resume: false, jobs: 2)
        let moments = try probe.simulate([truth])[0].moments.map { $0.reduce(0, +) / Double($0.count) }
        let spec = try CalibrationSpec.load(file("""
              - {statistic: volatility, subject: treasury, value: \(moments[0]), sd: 0.001}
              - {statistic: volatility, subject: saas, value: \(moments[1]), sd: 0.001}
            """, parameters: parameters))
        let dir = Repository.temporaryDirectory() + "/fit"
        let calibration = try Calibrator(spec, trace: dir + "/trace.csv", resume: false, jobs: 2)
        let best = try calibration.fit(try calibration.run())
        _ = try calibration.writeFit(best, to: dir + "/fit.csv")
        for table in ["trace.csv", "fit.csv"] {
            let read = TypedCSV.read(dir + "/" + table)
            #expect(read.problems.isEmpty && read.kinds["lag"] != .float, "\(table): \(read.problems)")
        }
        let fitted = best.moments.map { $0.reduce(0, +) / Double($0.count) }
        for (m, target) in zip(fitted, moments) { #expect(abs(m / target - 1) < 0.01, "moments \(fitted), targets \(moments)") }
        #expect(abs(log(best.values[0] / truth[0])) < 0.05, "recovered \(best.values), truth \(truth)")
        #expect(!calibration.evaluations.contains { $0.evaluation.values == truth }, "the truth was not among the points tried")
    }

    /// A resumed calibration runs nothing its trace holds: killed after the global stage (here: a
    /// calibration with no starts, its last row then cut short as a kill would), the same file with starts
    /// goes on from the trace (a larger budget is allowed) and runs only the row lost and Nelder-Mead's points.
    /// Another target is another calibration: its trace is refused.
    @Test func aResumedCalibrationReadsItsTraceBack() throws {
        let parameters = "  speculator.markets.crypto.order_size: {min: 0.003, max: 0.03, scale: log}"
        let targets = "  - {statistic: volatility, subject: crypto, value: 0.03}"
        let dir = Repository.temporaryDirectory() + "/resume"
        let first = try Calibrator(try CalibrationSpec.load(file(targets, parameters: parameters,
                                                                  search: "{points: 4, starts: 0}")),
                                    trace: dir + "/trace.csv", resume: false, jobs: 2)
        _ = try first.run()
        let path = dir + "/trace.csv"
        let whole = try String(contentsOfFile: path, encoding: .utf8)
        try String(whole.dropLast(12)).write(toFile: path, atomically: true, encoding: .utf8)
        var ran = 0
        let second = try Calibrator(try CalibrationSpec.load(file(targets, parameters: parameters,
                                                                   search: "{points: 4, starts: 1, iterations: 3}")),
                                     trace: dir + "/trace.csv", resume: true, jobs: 2)
        var stages: [String] = []
        second.progress = { _, stage, _ in
            ran += 1
            stages.append(stage)
        }
        _ = try second.run()
        #expect(stages.first == "global" && stages.dropFirst().allSatisfy { $0 == "start 1" }, "\(stages)")
        #expect(stages.filter { $0 == "global" }.count == 1 && second.evaluations.count == 3 + ran)
        let other = file("  - {statistic: volatility, subject: crypto, value: 0.04}", parameters: parameters)
        #expect(throws: CalibrationFailure.self) {
            try Calibrator(try CalibrationSpec.load(other), trace: path, resume: true, jobs: 1)
        }
        #expect(throws: CalibrationFailure.self) {
            try Calibrator(try CalibrationSpec.load(file(targets, parameters: parameters)), trace: dir + "/trace.csv",
                            resume: false, jobs: 1)
        }
    }

    /// A target must name one of analyze's statistics, on a subject it has (a yield: only bonds), with a lag
    /// exactly when it needs one.
    @Test func targetsNameAnalyzesStatistics() throws {
        let path = file("""
              - {statistic: volatilty, subject: crypto, value: 0.03}
              - {statistic: acf_abs_return, subject: crypto, value: 0.2}
              - {statistic: volatility, subject: gold, value: 0.01}
              - {statistic: yield_change_sd, subject: crypto, value: 0.0006}
              - {statistic: credit_spread_mean, subject: all, value: 0.008}
            """, parameters: "  speculator.markets.crypto.order_size: {min: 0.003, max: 0.03}")
        let error = #expect(throws: ConfigErrors.self) {
            try Calibrator(try CalibrationSpec.load(path), trace: Repository.temporaryDirectory() + "/t.csv", resume: false, jobs: 1)
        }
        let messages = error?.errors.map { "\($0.keyPath): \($0.message)" } ?? []
        #expect(messages.count == 4 && messages[0].hasPrefix("targets[0].statistic: volatilty is not a statistic of analyze"),
                "\(messages)")
        #expect(messages[1] == "targets[1].lag: missing key (acf_abs_return needs a lag)" && messages[2].hasPrefix(
            "targets[2].subject: volatility is measured on crypto, treasury"), "\(messages)")
        #expect(messages[3] == "targets[3].subject: yield_change_sd is measured on treasury, hyperscaler_bond, not crypto",
                "\(messages)")
    }

    /// Errors at the file's line and key, all at once.
    @Test func badFilesAreConfigErrorsAtTheirLine() throws {
        let path = file("  - {statistic: volatility, subject: crypto, value: 0.03, weight: 1, sd: 0.1}\n  - {subject: crypto, value: 1}",
                        parameters: "  speculator.markets.crypto.order_size: {min: 0.03, max: 0.003}")
        let error = #expect(throws: ConfigErrors.self) { try CalibrationSpec.load(path) }
        let messages = error?.errors.map { "\($0.keyPath): \($0.message)" } ?? []
        #expect(messages.contains { $0.hasPrefix("parameters.speculator.markets.crypto.order_size.max: expected max >= min") },
                "\(messages)")
        #expect(messages.contains("targets[0].sd: give weight or sd, not both"), "\(messages)")
        #expect(messages.contains("targets[1].statistic: missing key"), "\(messages)")
        #expect(error?.errors.allSatisfy { $0.location.file == path && $0.location.line > 0 } == true)
    }

    /// `targets:` may name a file holding the list (as `tools/targets.py` writes it); its errors are at its lines.
    @Test func targetsMayComeFromAFile() throws {
        let path = file("  targets.yaml", parameters: "  speculator.markets.crypto.order_size: {min: 0.003, max: 0.03}")
        let targets = PathText.directory(of: path) + "/targets.yaml"
        try "targets:\n  - {statistic: volatility, subject: crypto, value: 0.035, sd: 0.005}\n"
            .write(toFile: targets, atomically: true, encoding: .utf8)
        let spec = try CalibrationSpec.load(path)
        #expect(spec.targets.map(\.name) == ["volatility of crypto"] && spec.targets[0].weight == 1 / (0.005 * 0.005))
        try "targets:\n  - {statistic: volatility, value: 0.035}\nsource: x\n".write(toFile: targets, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigErrors.self) { try CalibrationSpec.load(path) }
        let found = error?.errors.map { "\($0.location.file):\($0.location.line): \($0.keyPath)" } ?? []
        #expect(found.contains("\(targets):2: targets[0].subject") && found.contains { $0.hasPrefix("\(targets):3: ") },
                "\(found) \(error?.errors.map(\.message) ?? [])")
        try FileManager.default.removeItem(atPath: targets)
        let missing = #expect(throws: ConfigErrors.self) { try CalibrationSpec.load(path) }
        #expect(missing?.errors.first?.message.contains("no such file") == true, "\(missing?.errors ?? [])")
    }
}
