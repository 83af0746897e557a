import Config
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Simulation

@Suite struct CentralBankTests {
    func world(steps: Int = 60, seed: UInt64 = 1, extra: String = "", _ overrides: [String] = []) throws -> World {
        let parsed = try overrides.map { try Override.parse(commandLine: $0) }
        return World(scenario: try Scenario(try Experiment.load(Repository.experiment(steps: steps, extra: extra), overrides: parsed)),
                     seed: Seed(seed))
    }

    @Test func thePolicyRateFollowsTheReactionFunction() throws {
        // Government spending rises by two thirds from step 40 to step 80: demand outruns capacity, the
        // output gap opens and prices rise faster; at every meeting the rate moves exactly as the
        // smoothed Taylor rule says on what the bank measured, up while the surge lasts, down after it.
        let events = """
            events:
              - from: 40
                to: 80
                set: { government.spending: 40 }
            """
        var w = try world(steps: 160, extra: events, ["central_bank.activity_window=10", "central_bank.meeting_interval=10",
                                                      "central_bank.max_move=1"])
        let cb = w.rules.centralBank
        var changes = 0, peak = 0.0, beforeSurge = 0.0
        for step in 1...160 {
            let before = w.policyRate, measured = w.policyInputs()
            _ = try w.advance()
            let expected = step % cb.meetingInterval == 0
                ? cb.meetingRate(previous: before, inflation: measured.inflation, gap: measured.gap) : before
            #expect(abs(w.policyRate - expected) < 1e-15, "step \(step)")
            if w.policyRate != before { changes += 1 }
            if step == 40 { beforeSurge = w.policyRate }
            peak = max(peak, w.policyRate)
        }
        #expect(changes >= 2, "the rate moved at meetings")
        #expect(peak > beforeSurge + 0.005, "the bank tightened in the surge: \(beforeSurge) -> \(peak)")
        #expect(w.policyRate < peak, "and eased after it")
    }

    @Test func aHawkishBankRaisesTheRateAfterASpendingSurge() throws {
        // The same surge met by banks weighing inflation 0, 1.5 and 3 times: the more it weighs it, the
        // higher the rate ten steps on (no gap weight, no gradualism).
        let events = "events:\n  - at: 20\n    set: { government.spending: 40 }"
        var rates: [Double] = []
        for weight in [0.0, 1.5, 3.0] {
            var w = try world(steps: 40, extra: events, ["central_bank.activity_window=10", "central_bank.meeting_interval=5",
                                                         "central_bank.inflation_weight=\(weight)", "central_bank.gap_weight=0",
                                                         "central_bank.max_move=1"])
            for _ in 1...30 { _ = try w.advance() }
            rates.append(w.policyRate)
        }
        #expect(rates[0] < rates[1] && rates[1] < rates[2], "\(rates)")
    }

    @Test func quantitativeEasingBuysWithNewMoneyAndLiftsTheBondPrice() throws {
        // Paired seeds: the same world with and without QE at 20% of the bonds a year. QE is a
        // price-taking order in the same market, so it can only raise the clearing price.
        for seed: UInt64 in 1...3 {
            var plain = try world(seed: seed), qe = try world(seed: seed, ["central_bank.qe_rate=0.2"])
            let bonds0 = qe.centralBank.bonds
            for _ in 1...40 { _ = try plain.advance(); _ = try qe.advance() }
            let b = qe.governmentBond
            #expect(qe.prices[b] > plain.prices[b], "seed \(seed)")
            #expect(qe.centralBank.bonds > bonds0)
            #expect(qe.centralBank.created > plain.centralBank.created, "purchases are paid with new money")
        }
    }

    @Test func theRepoRateStaysInTheCorridorAndTheStandingRepoMeetsWhatFundsWillNotLend() throws {
        // Dealers that want 10 $tn of cash each at night borrow more than money funds hold: the rate sits
        // at the ceiling and the standing repo lends the rest. A smaller need clears inside.
        var tight = try world(["dealer.funding_buffer=10000"])
        var some = try world(["dealer.funding_buffer=1500"])
        for _ in 1...10 {
            let t = try tight.advance(), s = try some.advance()
            #expect(t.repoRate == t.standingRepoRate && t.standingRepo > 0)
            #expect(s.repoRate > s.reverseRepoRate && s.repoRate < s.standingRepoRate, "\(s.repoRate)")
            #expect(s.repoLending > 0 && s.standingRepo < 1e-3)
        }
        // Dealers need no cash of their own; they refinance their basis clients' loans (the matched
        // book), which money funds lend inside the corridor, parking the rest at the floor.
        var loose = try world(["dealer.funding_buffer=0"])
        let l = try loose.advance()
        let book = loose.hedgeFunds.filter { $0.strategy == .basis }.reduce(0) { $0 + $1.loan }
        #expect(book > 0)
        #expect(abs(l.repoLending - book) < 1e-6 * book && l.standingRepo < 1e-3 && l.reverseRepo > 0)
        #expect(l.repoRate > l.reverseRepoRate && l.repoRate < l.standingRepoRate, "\(l.repoRate)")
    }
}

extension World {
    var policyRate: Double { centralBank.policyRate }
}
