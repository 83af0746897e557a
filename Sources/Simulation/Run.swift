import Config
import Stochastics

/// One simulation run: a world built from a scenario's rules and a seed, stepped to the end, each step's record
/// handed to `observe` as soon as it exists (nothing is accumulated here).
public enum Run {
    public static func execute(_ scenario: Scenario, seed: UInt64, observe: (StepRecord) throws -> Void) throws {
        try execute(scenario, seed: seed, snapshotEvery: 0) { record, _ in try observe(record) }
    }

    /// The same, also handing over every agent's balance sheet at each step divisible by `snapshotEvery`
    /// (an empty list at other steps, and always when `snapshotEvery` is 0).
    public static func execute(_ scenario: Scenario, seed: UInt64, snapshotEvery: Int,
                               observe: (StepRecord, [BalanceSheet]) throws -> Void) throws {
        var world = World(scenario: scenario, seed: Seed(seed))
        for _ in 0..<scenario.base.run.steps {
            let record = try world.advance()
            let due = snapshotEvery > 0 && record.step % snapshotEvery == 0
            try observe(record, due ? world.balanceSheets() : [])
        }
    }
}
