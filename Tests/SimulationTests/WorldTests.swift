import Config
import Economy
import Stochastics
import TestSupport
import Testing
@testable import Simulation

@Suite struct WorldTests {
    func rules(steps: Int = 40, retail: Int = 500, _ overrides: [String] = []) throws -> Rules {
        let parsed = try overrides.map { try Override.parse(commandLine: $0) }
        return try Rules(try Experiment.load(Repository.experiment(steps: steps, retail: retail), overrides: parsed))
    }

    func records(_ rules: Rules, seed: UInt64) throws -> [StepRecord] {
        var out: [StepRecord] = []
        try Run.execute(rules, seed: seed) { out.append($0) }
        return out
    }

    @Test func sameSeedGivesTheSameRun() throws {
        let r = try rules()
        #expect(try records(r, seed: 11) == records(r, seed: 11))
    }

    @Test func differentSeedsGiveDifferentRuns() throws {
        let r = try rules()
        #expect(try records(r, seed: 11).map(\.prices) != records(r, seed: 12).map(\.prices))
    }

    @Test func stockFlowIdentitiesHoldEveryStep() throws {
        for record in try records(try rules(steps: 100), seed: 3) {
            #expect(record.accountingError < 1e-9)
            #expect(record.prices.allSatisfy { $0.isFinite && $0 > 0 })
        }
    }

    @Test func anInjectedCashLeakIsCaughtNamingTheInstrument() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        _ = try world.advance()
        world.hedgeFunds[0].cash += 1_000
        #expect {
            try world.checkAccounting()
        } throws: { error in
            let v = error as? AccountingViolation
            return v?.instrument == "cash" && v?.step == 1
        }
    }

    @Test func anInjectedUnitLeakIsCaughtNamingTheAsset() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        world.dealers[0].units[0] -= 5
        #expect {
            try world.checkAccounting()
        } throws: { error in
            (error as? AccountingViolation)?.instrument == "crypto"
        }
    }

    @Test func aNonFiniteBalanceIsCaught() throws {
        var world = World(rules: try rules(), seed: Seed(1))
        world.hedgeFunds[1].units[0] = .nan
        #expect(throws: AccountingViolation.self) { try world.checkAccounting() }
    }

    @Test func clearingLeavesNoMaterialResidual() throws {
        for record in try records(try rules(steps: 60), seed: 5) {
            #expect(record.residuals.allSatisfy { abs($0) < 1e-3 }, "step \(record.step): \(record.residuals)")
        }
    }
}
