import ArgumentParser
import Batch
import Calibration
import Config
import Foundation
import Simulation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check rule files and experiment files; print every error as FILE:LINE: error: KEY: MESSAGE.",
        discussion: """
            A file named after an agent type (e.g. Agents/hedge_fund.yaml) is checked as that type's rules;
            a calibration file (one with targets) as `drypowder calibrate` reads it, with its experiment; any other
            file as an experiment, with its agent files, overrides, events, variants and sweep.
            """)

    @Argument(help: "Files to check.")
    var files: [String]

    @Option(name: .long, help: "Check every file as the rules of this agent type, whatever its name.")
    var type: String?

    func validate() throws {
        if let type, !Rules.agentTypes.contains(type) {
            throw ValidationError("unknown agent type '\(type)'; known: \(Rules.agentTypes.joined(separator: ", "))")
        }
    }

    func run() throws {
        var failures: [String] = []
        for file in files {
            do {
                let stem = PathText.stem(of: file)
                if let type = type ?? (Rules.agentTypes.contains(stem) ? stem : nil) {
                    try Rules.validate(ruleFile: try YAMLLoader.load(file: file), type: type)
                } else if CalibrationSpec.isCalibration(file) {
                    try Calibrator.check(try CalibrationSpec.load(file))
                } else {
                    let experiment = try Experiment.load(file)
                    let scenario = try Scenario(experiment)
                    // The batch keys too: swept keys exist, variants are valid.
                    _ = try BatchContext(experiment: experiment, masterSeed: scenario.base.run.seed)
                }
                print("\(file): ok")
            } catch {
                failures.append("\(error)")
            }
        }
        guard failures.isEmpty else { throw UsageFailure(message: failures.joined(separator: "\n")) }
    }
}
