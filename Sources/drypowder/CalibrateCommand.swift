import ArgumentParser
import Calibration
import Config
import Foundation
import Output

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit keys to target moments by simulated moments; write the best point, the fit and the trace.",
        discussion: """
            FILE names an experiment, the keys to fit with their ranges, and target moments (or a target file of \
            them), each a statistic of `analyze` on an asset (volatility, excess_kurtosis, hill_tail_index, \
            acf_return, acf_abs_return with a lag, peak_to_trough, ...), a bond (yield_change_sd) or all \
            (credit_spread_mean, credit_spread_min), with its value and weight (or sd). Each evaluation runs the experiment on the same \
            `seeds` seeds; the objective is the weighted squared distance of the moments' means from their targets. \
            The search evaluates Sobol points of the box, then runs GSL's Nelder-Mead from the best. Writes into \
            --out: trace.csv (every evaluation, appended as it ends: --resume goes on after a kill), fit.csv (each \
            moment at the best point: target, simulated mean and 95% interval, contribution) and best.yaml (an \
            experiment: `drypowder run best.yaml`). Keys: docs/CALIBRATION.md, "Calibrating by simulated moments".
            """)

    @Argument(help: "A calibration file (e.g. Experiments/calibrate-baseline.yaml).")
    var file: String

    @Option(name: .long, help: "Output folder (default: out/calibrate/<file name>).")
    var out: String?

    @Option(name: .long, help: "Runs at a time within an evaluation; the default is this machine's number of cores.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Go on with the trace in --out: evaluations it holds are not run again.")
    var resume = false

    func run() throws {
        let spec: CalibrationSpec
        do { spec = try CalibrationSpec.load(file) } catch { throw UsageFailure(message: "\(error)") }
        let dir = out ?? "out/calibrate/" + PathText.stem(of: file)
        let calibration: Calibrator
        do {
            calibration = try Calibrator(spec, trace: dir + "/trace.csv", resume: resume, jobs: jobs)
        } catch let error as ConfigErrors {
            throw UsageFailure(message: "\(error)")
        } catch let failure as CalibrationFailure {
            throw UsageFailure(message: "error: \(failure)")
        }
        calibration.progress = { n, stage, e in
            let x = zip(calibration.keys, e.values).map { "\($0) \(String(format: "%.4g", $1))" }.joined(separator: ", ")
            let f = e.objective.isFinite ? String(format: "%.4g", e.objective) : e.status
            FileHandle.standardError.write(Data("[\(n)] \(stage): \(x): objective \(f)\n".utf8))
        }
        let best: Calibrator.Evaluation
        do { best = try calibration.fit(try calibration.run()) } catch let failure as CalibrationFailure {
            throw RunFailure(message: "error: \(failure)")
        } catch let error as ConfigErrors {
            throw UsageFailure(message: "\(error)")
        }
        let rows = try calibration.writeFit(best, to: dir + "/fit.csv")
        try calibration.writeBest(best, to: dir + "/best.yaml")
        print("best of \(calibration.evaluations.count) evaluations: objective \(String(format: "%.4g", best.objective))")
        for (key, value) in zip(calibration.keys, best.values) { print("  \(key) = \(value)") }
        print("moment | target | simulated [95%] | contribution")
        for r in rows { print("  \(r[0]) | \(r[4]) | \(r[6]) [\(r[7]), \(r[8])] | \(r[9])") }
        print("wrote \(dir)/best.yaml, fit.csv, trace.csv")
    }
}
