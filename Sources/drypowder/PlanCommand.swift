import ArgumentParser
import Batch
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what `drypowder sweep` would run: run count, design, invalid points and expected output size.")

    @Argument(help: "The experiment file.")
    var experiment: String

    @Option(name: .long, help: ArgumentHelp("Count only shard i of n.", valueName: "i/n"), transform: Shard.init)
    var shard: Shard?

    @OptionGroup var configuration: BatchConfigurationOptions

    @Flag(name: .long, help: "Print every design point (default: the first 20).")
    var all = false

    func run() throws {
        let context = try configuration.load(experiment)
        let plan = BatchPlan(context)
        let shardRuns = shard.map { context.plan.runs(shard: $0.index, of: $0.count).count }
        let p = context.plan
        print("\(context.experiment.name): \(p.count) runs = \(p.points) points x \(p.replications) replications x \(p.variants.count) variants (\(p.variants.joined(separator: ", ")))")
        if let shardRuns, let shard { print("shard \(shard): \(shardRuns) runs") }
        print("master seed \(p.masterSeed), \(context.generator); config hash \(context.configHash)")
        if !context.keys.isEmpty {
            print("\ndesign (\(context.experiment.batch.sweep!.design.rawValue)):")
            print((["point"] + context.keys).joined(separator: "\t"))
            let shown = all ? p.points : min(p.points, 20)
            for point in 1...shown { print(([String(point)] + context.design.values(at: point)).joined(separator: "\t")) }
            if shown < p.points { print("... \(p.points - shown) more (--all)") }
        }
        let invalid = plan.invalidRuns()
        print("\ninvalid runs: \(invalid.count)")
        for (run, error) in invalid.prefix(10) { print("  run \(run.id) (point \(run.point), \(p.variants[run.variant])): \(error)") }
        print("\nexpected output (a sample run of point 1, times the runs):")
        let runs = shardRuns ?? p.count
        let sizes = try plan.expectedBytes(runs: runs, valid: max(0, runs - invalid.count * runs / max(p.count, 1)))
        for (file, bytes) in sizes { print("  \(file): \(BatchPlan.format(bytes))") }
        print("  total: \(BatchPlan.format(sizes.reduce(0) { $0 + $1.bytes }))")
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the finished shards of one sweep (`sweep --shard i/n`) into one sweep directory.",
        discussion: "The merged tables are byte-identical to those of the same sweep run unsharded.")

    @Argument(help: "The shards' sweep directories, every shard of the sweep once.")
    var shards: [String]

    @Option(name: .long, help: "The merged sweep directory (created; must be new or empty).")
    var out: String

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard directories to merge") }
    }

    func run() throws {
        do {
            let runs = try Merge.merge(shards, into: out)
            if !quiet { print("merged \(shards.count) shards, \(runs) runs, into \(out)/") }
        } catch let failure as Merge.Failure {
            throw UsageFailure(message: "error: \(failure)")
        } catch {
            throw RunFailure(message: "\(error)")
        }
    }
}
