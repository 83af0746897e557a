import Config
import Stochastics

/// One simulation run: a world built from a scenario's rules and a seed, stepped to the end, each step's record
/// handed to `observe` as soon as it exists (nothing is accumulated here).
public enum Run {
    public static func execute(_ scenario: Scenario, seed: UInt64, observe: (StepRecord) throws -> Void) throws {
        var world = World(scenario: scenario, seed: Seed(seed))
        for _ in 0..<scenario.base.run.steps {
            try observe(try world.advance())
        }
    }
}
