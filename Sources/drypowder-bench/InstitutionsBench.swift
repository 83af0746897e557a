import Config
import Simulation
import Stochastics

/// The institutions' step in a small run: the model stepped in process (no output), and the retail phase
/// alone on the same population; the step less its traders' retail work is the institutions' part, given
/// in retail agent-steps (docs/PERFORMANCE.md's yardstick: what one step of every institution costs in traders).
struct InstitutionsBench {
    let rules: Rules
    let traders: Int, steps: Int

    init(benchFile: String, traders: Int, steps: Int) throws {
        let overrides = ["retail.count=\(traders)", "run.steps=\(steps)"].map { try! Override.parse(commandLine: $0) }
        rules = try Rules(try Experiment.load(benchFile, overrides: overrides))
        (self.traders, self.steps) = (traders, steps)
    }

    /// Seconds per step of the whole model (set-up excluded), and per agent-step of the retail phase.
    func run(_ method: Method) throws -> (step: Timing, retailPerAgentStep: Double) {
        // Each repetition steps a fresh world; its set-up is not timed.
        let world = World(rules: rules, seed: Seed(rules.run.seed))
        var seconds: [Double] = []
        for _ in 0..<(method.tiny ? 1 : method.repetitions + 1) {
            var fresh = world
            seconds.append(try Method.seconds { for _ in 0..<steps { _ = try fresh.advance() } })
        }
        let step = Timing(seconds: method.tiny ? seconds : Array(seconds.dropFirst()))
        let retailSteps = 200
        let (retail, _) = RetailBench(population: world.retail, rules: rules.retail, steps: retailSteps).run(method)
        return (Timing(seconds: [step.median, step.smallest, step.largest].map { $0 / Double(steps) }),
                retail.median / Double(traders * retailSteps))
    }
}
