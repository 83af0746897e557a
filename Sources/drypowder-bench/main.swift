import Config
import Foundation
import Simulation
import Stochastics

// `make bench`: release-build timings of the hot paths, each set against its target and its physical
// limit. Method (see Measure.swift and docs/PERFORMANCE.md): a warm-up, then several timed runs;
// median and range. Never a test: CI runs `--tiny` only, to check that it builds and runs.

let usage = """
    USAGE: drypowder-bench [--tiny] [--repetitions N] [--traders N] [SECTION ...]
    SECTIONS: bandwidth retail clearing institutions model csv batch (default: all)
      --tiny            small sizes, one untimed pass each (CI checks the benchmark runs)
      --repetitions N   timed runs per figure after the warm-up (default 5)
      --traders N       retail traders for the retail, clearing and model sections (default: bench.yaml's)
    """
var method = Method()
var sections: [String] = []
var traderOverride: Int?
var arguments = CommandLine.arguments.dropFirst()
let known = ["bandwidth", "retail", "clearing", "institutions", "model", "csv", "batch"]
while let argument = arguments.popFirst() {
    switch argument {
    case "--tiny": method.tiny = true
    case "--repetitions":
        guard let n = arguments.popFirst().flatMap(Int.init), n >= 1 else { fail("--repetitions expects a whole number >= 1\n" + usage) }
        method.repetitions = n
    case "--traders":
        guard let n = arguments.popFirst().flatMap(Int.init), n >= 1 else { fail("--traders expects a whole number >= 1\n" + usage) }
        traderOverride = n
    case "-h", "--help": print(usage); exit(0)
    case let name where known.contains(name): sections.append(name)
    default: fail("unknown argument '\(argument)'\n" + usage)
    }
}
if sections.isEmpty { sections = known }

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let benchFile = root + "/Experiments/bench.yaml"
let traderSetting = traderOverride ?? (method.tiny ? 10_000 : nil)
let settings = (method.tiny ? ["run.steps=20"] : []) + (traderSetting.map { ["retail.count=\($0)"] } ?? [])
let experiment = try Experiment.load(benchFile, overrides: settings.map { try Override.parse(commandLine: $0) })
let rules = try Rules(experiment)
let scratch = NSTemporaryDirectory() + "drypowder-bench-\(getpid())"

print("drypowder-bench: " + (method.tiny ? "tiny sizes, one pass each, no warm-up" : "median of \(method.repetitions) runs after a warm-up"))
print("machine: \(Machine.cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
      + String(format: "%.1f GB memory", Double(ProcessInfo.processInfo.physicalMemory) / 1e9)
      + "; GSL \(gslVersion), generator \(rules.run.generator.rawValue)")

let traders = rules.retail.count
let world = World(rules: rules, seed: Seed(rules.run.seed))
let populationBytes = Machine.populationBytes(world.retail)
var bandwidth: Bandwidth?

if sections.contains("bandwidth") {
    section("memory bandwidth (one core)")
    bandwidth = Bandwidth.measure(bytes: populationBytes, method)
    bandwidth!.print(String(format: "%.1f MB, the population's size", Double(populationBytes) / 1e6))
    Bandwidth.measure(bytes: method.tiny ? 1 << 24 : 1 << 30, method).print(method.tiny ? "16 MB" : "1 GB, main memory")
}

if sections.contains("retail") {
    section("retail phase (\(traders) traders, full rule)")
    let bench = RetailBench(population: world.retail, rules: rules.retail, steps: method.tiny ? 2 : 20)
    let clock = Machine.clockGHz()
    let (timing, parts) = bench.run(method)
    let agentSteps = Double(traders * bench.steps)
    report("retail phase", timing, per: agentSteps, "agent-steps/s")
    report("  per agent-step", 1e9 * timing.median / agentSteps, "ns",
           "(" + parts.map { String(format: "%@ %.0f%%", $0.0, 100 * $0.1) }.joined(separator: ", ") + ")")
    let bytes = Double(RetailBench.bytesPerTraderStep)
    report("  cycles per agent-step", clock * 1e9 * timing.median / agentSteps, "",
           String(format: "(at %.2f GHz, measured before the runs)", clock))
    report("  bytes touched per agent-step", bytes, "B", String(format: "(%.1f GB/s at the median)", bytes * agentSteps / timing.median / 1e9))
    if let bandwidth {
        report("  memory-bound limit", bandwidth.triad * 1e9 / bytes, "agent-steps/s",
               String(format: "(at %.1f GB/s; measured is %.0f%% of it)", bandwidth.triad,
                      100 * timing.rate(agentSteps).median / (bandwidth.triad * 1e9 / bytes)))
    }
}

if sections.contains("clearing") {
    section("clearing (one market, default institutions)")
    let markets = method.tiny ? 100 : 20_000
    let timing = ClearingBench.run(world, method, markets: markets)
    report("clearing", timing, per: Double(markets), "markets/s")
    report("  per market and round", 1e6 * timing.median / Double(markets), "µs")
}

if sections.contains("institutions") {
    let (small, steps) = (2_000, method.tiny ? 10 : 120)
    section("institutions' step (\(small) retail traders, \(steps) steps, in process, no output)")
    let bench = try InstitutionsBench(benchFile: benchFile, traders: small, steps: steps)
    let (step, retail) = try bench.run(method)
    let institutions = step.median - Double(small) * retail
    report("model step", 1e6 * step.median, "µs", String(format: "(range %.4g to %.4g)", 1e6 * step.smallest, 1e6 * step.largest))
    report("  retail phase per agent-step", 1e9 * retail, "ns", "(the retail phase alone on this population)")
    report("  institutions' step", 1e6 * institutions, "µs", "(the step less its traders' retail work)")
    report("  in retail agent-steps", institutions / retail, "", "(target <= 2,000)")
}

if sections.contains("model") {
    section("full model (Experiments/bench.yaml: \(traders) retail traders, \(rules.run.steps) steps, CSV written)")
    let (timing, peak) = ModelBench.run(method, experiment: benchFile, settings: settings, scratch: scratch + "-model")
    report("wall time", timing.median, "s", String(format: "(range %.3g to %.3g)", timing.smallest, timing.largest))
    report("  per agent-step", 1e9 * timing.median / Double(traders * rules.run.steps), "ns")
    report("peak resident memory", peak / 1e6, "MB", String(format: "(%.0f bytes per retail trader)", peak / Double(max(traders, 1))))
}

if sections.contains("csv") {
    section("CSV writing")
    let (timing, bytes) = WritingBench.run(method, rows: method.tiny ? 1_000 : 400_000, path: scratch + "-speed.csv")
    report("CSV writing", timing, per: Double(bytes) / 1e6, "MB/s")
}

if sections.contains("batch") {
    let batch = BatchBench(root: root, scratch: scratch, steps: method.tiny ? 5 : 252, traders: method.tiny ? 200 : 5_000)
    let replications = method.tiny ? 4 : 32
    section("batches (drypowder sweep: \(replications) replications, \(batch.traders) retail traders, \(batch.steps) steps)")
    let (one, two, speedUp) = method.timeInTurns({ batch.sweep(replications: replications, jobs: 1) },
                                                 { batch.sweep(replications: replications, jobs: 2) })
    report("1 job", one, per: Double(replications), "runs/s")
    report("2 jobs", two, per: Double(replications), "runs/s")
    report("  speed-up from 1 to 2 jobs", speedUp.median, "x",
           String(format: "(median of %d turns, range %.3g to %.3g; ", speedUp.count, speedUp.smallest, speedUp.largest)
           + (batch.sameResults(replications: replications) ? "results identical)" : "RESULTS DIFFER)"))
    let small = BatchBench(root: root, scratch: scratch + "-small", steps: method.tiny ? 5 : 120, traders: method.tiny ? 200 : 2_000)
    let many = method.tiny ? 4 : 400
    section("small runs (drypowder sweep: \(many) replications, \(small.traders) retail traders, \(small.steps) steps)")
    report("2 jobs", method.time { small.sweep(replications: many, jobs: 2) }, per: Double(many), "runs/s")
    report("  target", 500, "runs/s")
    var summaryOnly = small
    summaryOnly.tables = false
    // As a sensitivity sweep needs: runs.csv's row, no per-step tables (`outputs: {tables: []}`).
    report("2 jobs, runs.csv only", method.time { summaryOnly.sweep(replications: many, jobs: 2) },
           per: Double(many), "runs/s")
    for n in method.tiny ? [8] : [100, 1_000] {
        let memory = BatchBench(root: root, scratch: scratch, steps: 5, traders: 200).sweep(replications: n, jobs: 2)
        report("peak memory, \(n) runs (200 traders, 5 steps)", memory.peakBytes / 1e6, "MB")
    }
}
