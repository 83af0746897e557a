import ArgumentParser
import Batch
import Config
import Foundation
import Output
import Simulation

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run every point, replication and variant of an experiment into DIR, on every core.",
        discussion: """
            DIR receives design.csv first, then runs.csv, timeseries.csv, flows.csv, events.csv, summary.csv, \
            timings.csv and manifest.json (docs/OUTPUT.md). The tables are identical whatever --jobs and, \
            after `drypowder merge`, whatever the sharding. A killed sweep continues with --resume; a run that \
            fails is recorded in runs.csv and the others go on.
            """)

    @Argument(help: "The experiment file; its replications, variants, sweep and outputs keys say what to run.")
    var experiment: String

    @Option(name: .long, help: "The sweep directory (created; must be new or empty unless --resume).")
    var out: String

    @Option(name: .long, help: "Runs at once; the default is this machine's number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("Run only shard i of n (1-based), e.g. --shard 2/8; merge the shards with `drypowder merge`.",
                                            valueName: "i/n"), transform: Shard.init)
    var shard: Shard?

    @Flag(name: .long, help: "Continue the sweep already in --out: skip finished runs, rerun the rest.")
    var resume = false

    @Flag(name: .long, help: "Stop at the first failed run (finished runs are kept for --resume).")
    var failFast = false

    @OptionGroup var configuration: BatchConfigurationOptions

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let context = try configuration.load(experiment)
        let options = Sweep.Options(jobs: jobs, shard: shard.map { ($0.index, $0.count) }, resume: resume, failFast: failFast)
        let progress = SweepProgress(enabled: !quiet)
        let outcome: Sweep.Outcome
        do {
            outcome = try Sweep.run(context, into: SweepDirectory(out), options: options, progress: progress.update)
        } catch let failure as Sweep.Failure {
            progress.finish()
            switch failure {
            case .unusableDirectory, .damaged: throw UsageFailure(message: "error: \(failure)")
            default: break
            }
            throw RunFailure(message: failure.description)
        }
        progress.finish()
        guard !quiet else { return }
        if outcome.alreadyFinished {
            print("\(out): the sweep is already finished (\(outcome.runs) runs)")
        } else {
            let counts = RunStatus.allCases.map { "\(outcome.statuses[$0, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
            print("\(context.experiment.name): \(outcome.runs) runs in \(String(format: "%.1f", outcome.wallSeconds)) s: \(counts)")
            print("wrote \(out)/: runs.csv, summary.csv and the tables listed in manifest.json")
        }
        if let halted = try? Self.runs(out + "/runs.csv", above0: "halt_days"), halted > 0 {
            FileHandle.standardError.write(Data(("warning: in \(halted) of \(outcome.runs) runs some market halted at its daily "
                + "limit (halt_days in runs.csv, halted_<asset> in timeseries.csv)\n").utf8))
        }
        if let insolvent = try? Self.runs(out + "/runs.csv", above0: "insolvent_dealer_steps"), insolvent > 0 {
            FileHandle.standardError.write(Data(("warning: in \(insolvent) of \(outcome.runs) runs a dealer's equity fell to "
                + "zero or below, which the model does not resolve (insolvent_dealer_steps in runs.csv)\n").utf8))
        }
    }

    /// Runs of runs.csv whose `column` is above 0.
    static func runs(_ path: String, above0 name: String) throws -> Int {
        let reader = try LineReader(path: path)
        guard let header = try reader.next(), let column = LineReader.fields(header).firstIndex(of: name) else { return 0 }
        var count = 0
        while let line = try reader.next() {
            let row = LineReader.fields(line)
            if column < row.count, let days = Double(row[column]), days > 0 { count += 1 }
        }
        return count
    }
}

/// `i/n` with 1 <= i <= n.
/// `--shard i/n` of `sweep` and `plan`: shard i of n, 1-based.
struct Shard: CustomStringConvertible {
    let index: Int, count: Int

    init(_ text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
            throw ValidationError("expected i/n with 1 <= i <= n")
        }
        (index, count) = (i, n)
    }

    var description: String { "\(index)/\(count)" }
}

/// The options `sweep` and `plan` share: the master seed and overrides.
struct BatchConfigurationOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Master seed; sets run.seed (each run's seed derives from it).", valueName: "seed"), transform: seedOption)
    var seed: UInt64?

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override any key before the sweep, e.g. --set run.steps=60.", valueName: "key.path=value"))
    var overrides: [String] = []

    /// Loads an experiment as a batch, or fails with every configuration error (exit 2).
    func load(_ path: String) throws -> BatchContext {
        let (experiment, scenario) = try loadExperiment(path, overrides: overrides, seed: seed)
        do {
            return try BatchContext(experiment: experiment, masterSeed: scenario.base.run.seed)
        } catch let error as ConfigErrors {
            throw UsageFailure(message: error.description)
        }
    }
}
