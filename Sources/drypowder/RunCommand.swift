import ArgumentParser
import Config
import Foundation
import Output
import Simulation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one experiment and write OUT/<experiment>/timeseries.csv, flows.csv and manifest.json.",
        discussion: "The directory appears only when the run has finished; a failed run leaves nothing there. "
            + "A finished run already there is kept unless --replace is given.")

    @Argument(help: "The experiment file, e.g. Experiments/seed-crash.yaml.")
    var experiment: String

    @Option(name: .long, help: "Directory that receives the run's directory.")
    var out: String = "out"

    @Flag(name: .long, help: "Replace a finished run of this experiment in --out (atomically, when this one has finished).")
    var replace = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Master seed; sets run.seed of the experiment.", valueName: "seed"),
            transform: seedOption)
    var seed: UInt64?

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override any key of the resolved configuration, e.g. --set retail.count=20000.",
                               valueName: "key.path=value"))
    var overrides: [String] = []

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let (experiment, scenario) = try loadExperiment(experiment, overrides: overrides, seed: seed)
        let rules = scenario.base
        let seed = rules.run.seed
        if !quiet, !experiment.shadowed.isEmpty {
            let keys = experiment.shadowed.map(\.key)
            FileHandle.standardError.write(Data(("note: \(experiment.name)'s set: overrides \(keys.count) rule-file "
                + "key\(keys.count == 1 ? "" : "s") (\(keys.joined(separator: ", "))): edit set: to change "
                + "\(keys.count == 1 ? "it" : "them")\n").utf8))
        }
        let progress = Progress(total: rules.run.steps, enabled: !quiet)
        do {
            let (directory, summary) = try RunWriter.write(experiment, scenario: scenario, seed: seed, outDirectory: out,
                                                           replace: replace, progress: progress.update)
            progress.finish()
            if !quiet {
                print("\(experiment.name) (seed \(seed), \(rules.run.generator.rawValue)): \(summary.text)")
                print("wrote \(directory)/: timeseries.csv, flows.csv, manifest.json")
            }
            if summary.health.halts > 0 {
                FileHandle.standardError.write(Data(("warning: \(experiment.name): \(summary.health.message); "
                    + "days per asset in timeseries.csv's halted_<asset>\n").utf8))
            }
            if !summary.health.dealerMessage.isEmpty {
                FileHandle.standardError.write(Data(("warning: \(experiment.name): \(summary.health.dealerMessage) "
                    + "(dealer_equity_min in timeseries.csv)\n").utf8))
            }
        } catch let exists as RunDirectory.Exists {
            progress.finish()
            throw UsageFailure(message: "error: \(exists)")
        } catch let failure as Disk.Failure where failure.isUsage {
            progress.finish()
            throw UsageFailure(message: "error: \(failure)")
        } catch {
            progress.finish()
            throw RunFailure(message: "\(experiment.name): \(error)")
        }
    }
}

/// Loads an experiment with its overrides (and `--seed`, as `run.seed` after them, so the resolved
/// configuration is the one that runs) into validated rules and events, or fails with every config error.
func loadExperiment(_ path: String, overrides: [String], seed: UInt64? = nil) throws -> (Experiment, Scenario) {
    do {
        let parsed = try (overrides + (seed.map { ["run.seed=\($0)"] } ?? [])).map { (text) throws(ConfigErrors) in
            try Override.parse(commandLine: text)
        }
        let experiment = try Experiment.load(path, overrides: parsed)
        return (experiment, try Scenario(experiment))
    } catch {
        throw UsageFailure(message: error.description)
    }
}

/// A one-line progress display on a terminal; silent when stderr is not a terminal.
final class Progress {
    let total: Int
    let enabled: Bool
    var shown = -1

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func update(_ step: Int) {
        guard enabled else { return }
        let percent = 100 * step / max(total, 1)
        guard percent != shown else { return }
        shown = percent
        FileHandle.standardError.write(Data("\rstep \(step)/\(total) (\(percent)%)".utf8))
    }

    func finish() {
        if enabled && shown >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// `--seed`: the same range as `run.seed`, any text (even "-1") taken as the option's value.
func seedOption(_ text: String) throws -> UInt64 {
    guard let seed = RunSettings.seed(text) else {
        throw ValidationError("expected an integer in [0, 9007199254740991] (the range of run.seed), found \(text)")
    }
    return seed
}
