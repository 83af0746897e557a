import Config
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Simulation

@Suite struct ScenarioEventTests {
    func scenario(_ events: String, steps: Int = 30) throws -> Scenario {
        try Scenario(try Experiment.load(Repository.experiment(steps: steps, extra: "events:\n" + events)))
    }

    func errors(_ events: String) -> [String] {
        let path = Repository.experiment(steps: 30, extra: "events:\n" + events)
        do {
            _ = try Scenario(try Experiment.load(path))
            return []
        } catch {
            // Messages name lines relative to the events block: L0 is "events:", L1 its first line, ...
            let base = Repository.line(of: "events:", in: path)
            return error.errors.map { e in
                "EXP:L\(e.location.line - base): error: " + e.description.components(separatedBy: ": error: ").dropFirst().joined(separator: ": error: ")
            }
        }
    }

    @Test func anEventChangesARuleFromItsStepOn() throws {
        var world = World(scenario: try scenario("  - at: 5\n    set: {retail.maintenance_margin: 0.5}"), seed: Seed(1))
        for step in 1...8 {
            _ = try world.advance()
            #expect(world.rules.retail.maintenanceMargin == (step >= 5 ? 0.5 : 0.05), "step \(step)")
        }
    }

    @Test func aWindowEndsAndTheEarlierValueReturns() throws {
        var world = World(scenario: try scenario("""
              - from: 3
                to: 4
                set: {hedge_fund.value.max_leverage: 1.5, dealer.haircut_floor: 0.3}
            """), seed: Seed(1))
        var seen: [Double] = []
        for _ in 1...6 {
            _ = try world.advance()
            seen.append(world.rules.hedgeFund[.value].maxLeverage)
            #expect(world.rules.dealer.haircutFloor == (seen.last == 1.5 ? 0.3 : 0.1))
        }
        let d = seen[0]
        #expect(d != 1.5 && seen == [d, d, 1.5, 1.5, d, d])
    }

    @Test func aRunWithAnEventMatchesTheRunWithoutItUntilTheEvent() throws {
        // Common random numbers: the event changes nothing before step 10, and something after.
        var plain = World(scenario: try scenario(""), seed: Seed(8))
        var shocked = World(scenario: try scenario("  - at: 10\n    set: {market.assets.crypto.anchor_value: 60}"), seed: Seed(8))
        var after: [(Double, Double)] = []
        for step in 1...20 {
            let a = try plain.advance(), b = try shocked.advance()
            if step < 10 { #expect(a == b, "step \(step)") } else { after.append((a.prices[0], b.prices[0])) }
        }
        #expect(after.contains { $0.0 != $0.1 })
        #expect(shocked.hedgeFunds[0].belief[0] < plain.hedgeFunds[0].belief[0], "funds' beliefs follow the anchor")
    }

    @Test func anEventCannotSetAPrice() {
        #expect(errors("  - at: 5\n    set: {market.assets.crypto.initial_price: 50}") == [
            "EXP:L2: error: events[0].set.market.assets.crypto.initial_price: an event may change what agents want, owe or believe, never a price",
        ])
    }

    @Test func anEventCannotChangeASetUpKey() {
        #expect(errors("  - at: 5\n    set: {retail.count: 5}") == [
            "EXP:L2: error: events[0].set.retail.count: is read only when the run starts; an event cannot change it",
        ])
        #expect(errors("  - at: 5\n    set: {run.steps: 5}") == [
            "EXP:L2: error: events[0].set.run.steps: an event can change only agents' rules (\(Rules.agentTypes.joined(separator: ", ")))",
        ])
    }

    @Test func malformedEventsAreReportedWhereTheyAreWritten() {
        #expect(errors("  - from: 5\n    set: {retail.switch_rate: 0.1}") == ["EXP:L1: error: events[0]: a window needs both from and to"])
        #expect(errors("  - at: 5") == ["EXP:L1: error: events[0].set: expected a mapping of key.path: value with at least one change"])
        #expect(errors("  - at: 0\n    set: {retail.switch_rate: 0.1}") == ["EXP:L1: error: events[0].at: expected a step number >= 1, found 0"])
        #expect(errors("  - at: 40\n    set: {retail.switch_rate: 0.1}") == ["EXP:L1: error: events[0].at: step 40 is after the run's last step (30)"])
        #expect(errors("  - at: 5\n    set: {retail.switch_rat: 0.1}") == ["EXP:L2: error: retail.switch_rat: unknown key; did you mean 'switch_rate'?"])
        #expect(errors("  - at: 5\n    set: {retail.switch_rate: lots}") == ["EXP:L2: error: retail.switch_rate: expected a number in [0, 1], found \"lots\""])
    }
}
