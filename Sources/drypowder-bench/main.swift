import Config
import Economy
import Foundation
import Output
import Simulation
import Stochastics

// `make bench`: timings of the hot paths in a release build. Method: one warm-up run, then
// `repetitions` timed runs; the median is reported with the fastest and slowest. Never a test.
// `--tiny` runs small sizes once each, so CI can check that the benchmark builds and runs.

let tiny = CommandLine.arguments.contains("--tiny")
let repetitions = tiny ? 1 : 5

func measure(_ body: () throws -> Void) rethrows -> (median: Double, min: Double, max: Double) {
    if !tiny { try body() }  // warm-up
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    times.sort()
    return (times[times.count / 2], times.first!, times.last!)
}

func report(_ name: String, _ t: (median: Double, min: Double, max: Double), per units: Double, _ unit: String) {
    let rate = { (s: Double) in units / s }
    print(pad(name) + String(format: "%12.3g ", rate(t.median)) + unit
          + String(format: "   (range %.3g to %.3g; median %.4f s)", rate(t.max), rate(t.min), t.median))
}

func pad(_ label: String) -> String { label.padding(toLength: max(44, label.count), withPad: " ", startingAt: 0) }

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let experiment = try Experiment.load(root + "/Experiments/bench.yaml",
                                     overrides: tiny ? [try Override.parse(commandLine: "retail.count=10000"),
                                                        try Override.parse(commandLine: "run.steps=20")] : [])
let rules = try Rules(experiment)
print("drypowder-bench: \(tiny ? "tiny sizes, one run each, no warm-up" : "median of \(repetitions) runs after a warm-up"); GSL \(gslVersion), \(rules.run.generator.rawValue)")

// 1. Retail phase alone: the full rule (switching, orders, settlement with loans, liquidation checks).
let traders = rules.retail.count
var population = RetailPopulation(
    cash: .init(repeating: 2e4, count: traders), units: .init(repeating: 100, count: traders),
    maxLeverage: (0..<traders).map { $0 % 10 == 0 ? 5 : 1 },
    strategy: (0..<traders).map { RetailStrategy(rawValue: UInt8($0 % 3))! })
let stream = RandomStream(seed: Seed(1))
let retailSteps = tiny ? 2 : 20
let retail = try measure {
    for s in 0..<retailSteps {
        let price = s % 2 == 0 ? 100.0 : 97
        population.scoreStrategies(realisedReturn: s % 2 == 0 ? 0.03 : -0.03, memory: 0.1)
        try population.switchStrategies(rules: rules.retail, stream: stream)
        population.submitOrders(price: price, trend: s % 2 == 0 ? 0.01 : -0.01, mispricing: 0.05,
                                rules: rules.retail, stream: stream)
        _ = population.settle(price: price, buyFill: 0.9, sellFill: 0.9)
        _ = population.markLiquidations(price: price, maintenance: rules.retail.maintenanceMargin)
    }
}
report("retail phase", retail, per: Double(traders * retailSteps), "agent-steps/s")

// 2. Clearing: one market with the default institutions' curves.
let world = World(rules: rules, seed: Seed(1))
let signals = SignalInputs(assets: rules.market.assets, trend: world.prices.map { _ in 0.01 }, repoRate: world.repoRate,
                           expectedRate: rules.centralBank.neutralRate)
let curves: [DemandCurve] = world.hedgeFunds.enumerated().map { i, f in
    DemandCurve(.hedgeFund(i), f.demand(asset: 0, signals, prices: world.prices, haircut: world.haircuts[0], creditLine: 1e8,
                                        rules: rules.hedgeFund[f.strategy]))
} + world.dealers.enumerated().map { i, d in
    DemandCurve(.dealer(i), d.demand(asset: 0, reference: 100, rules: rules.dealer))
} + [DemandCurve(.retailBuys) { 3e6 / $0 }]
let clears = tiny ? 100 : 20_000
let clearing = try measure {
    for _ in 0..<clears { _ = try Clearing.clear(curves, reference: 100, maxLogMove: 0.5, tolerance: 1e-12) }
}
report("clearing", clearing, per: Double(clears), "markets/s")
print(pad("  per market and round") + String(format: "%12.3g µs", 1e6 * clearing.median / Double(clears)))

// 3. Full model, including the CSV, with peak memory.
let out = NSTemporaryDirectory() + "drypowder-bench-\(getpid())"
let full = try measure { _ = try RunWriter.write(experiment, scenario: Scenario(base: rules), seed: 1, outDirectory: out) }
report("full model (\(traders) retail, \(rules.run.steps) steps)", full, per: 1, "runs/s")
let peak = Manifest.peakResidentBytes() ?? 0
print(pad("  peak resident memory") + String(format: "%12.1f MB  (%.0f bytes per retail trader)",
                                          Double(peak) / 1e6, Double(peak) / Double(max(traders, 1))))

// 4. CSV writing speed.
let rows = tiny ? 1_000 : 200_000
let row = (0..<13).map { Double($0) * 1.234_567_89e3 + 0.1 }
let csvPath = out + "-speed.csv"
let csv = measure {
    let writer = try! CSVWriter(path: csvPath, header: (0..<13).map { "c\($0)" })
    for _ in 0..<rows { try! writer.writeRow(row) }
    try! writer.close()
}
let bytes = (try? FileManager.default.attributesOfItem(atPath: csvPath)[.size] as? Int) ?? 0
report("CSV writing", csv, per: Double(bytes) / 1e6, "MB/s")
try? FileManager.default.removeItem(atPath: out)
try? FileManager.default.removeItem(atPath: csvPath)

// 5. Batches, through the `drypowder sweep` executable: peak memory of the whole process from 100 to 1,000
// runs (flat: results stream to disk), and runs/s with the speed-up from 1 to 2 jobs over 32 replications.
let drypowder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("drypowder").path
func batchExperiment(replications: Int) throws -> String {
    let agents = ["market", "hedge_fund", "dealer", "retail", "government", "money_fund", "central_bank",
                  "hyperscaler", "real_economy", "sovereign_fund", "ai_lab"]
    let text = """
        description: "bench batch"
        run: {seed: 1, steps: \(tiny ? 5 : 30), generator: taus2}
        agents:
        \(agents.map { "  \($0): \(root)/Agents/\($0).yaml" }.joined(separator: "\n"))
        set: {retail.count: 200}
        replications: \(replications)
        """
    let path = out + "-batch-\(replications).yaml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
/// Runs `drypowder sweep` as a child; returns its wall time and peak resident memory, as the sweep
/// records it in manifest.json (wait4's ru_maxrss would carry this process's peak over the exec).
func sweep(replications: Int, jobs: Int) throws -> (seconds: Double, peakBytes: Int) {
    let file = try batchExperiment(replications: replications), dir = out + "-sweep-\(replications)-\(jobs)"
    try? FileManager.default.removeItem(atPath: dir)
    defer { try? FileManager.default.removeItem(atPath: dir); try? FileManager.default.removeItem(atPath: file) }
    let args = [drypowder, "sweep", file, "--out", dir, "--jobs", String(jobs), "--quiet"]
    var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, drypowder, nil, nil, &argv, environ) == 0 else { fatalError("cannot start \(drypowder)") }
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard status == 0 else { fatalError("\(args.joined(separator: " ")) exited with status \(status)") }
    let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json"))) as? [String: Any]
    return (seconds, manifest?["peak_resident_bytes"] as? Int ?? 0)
}
let sizes = tiny ? [10, 20] : [100, 1000]
for n in sizes {
    let r = try sweep(replications: n, jobs: 2)
    print(pad("batch of \(n) runs (200 retail, \(tiny ? 5 : 30) steps, 2 jobs)")
          + String(format: "%12.1f MB peak   (%.2f s, %.1f runs/s)", Double(r.peakBytes) / 1e6, r.seconds, Double(n) / r.seconds))
}
let replicas = tiny ? 4 : 32
let one = try measure { _ = try sweep(replications: replicas, jobs: 1) }
let two = try measure { _ = try sweep(replications: replicas, jobs: 2) }
report("batch of \(replicas), 1 job", one, per: Double(replicas), "runs/s")
report("batch of \(replicas), 2 jobs", two, per: Double(replicas), "runs/s")
print(pad("  speed-up from 1 to 2 jobs") + String(format: "%12.2f x", one.median / two.median))
