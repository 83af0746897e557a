import Config
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Simulation

@Suite struct GovernmentTests {
    func world(steps: Int = 60, seed: UInt64 = 1, _ overrides: [String]) throws -> World {
        let parsed = try overrides.map { try Override.parse(commandLine: $0) }
        let rules = try Rules(try Experiment.load(Repository.experiment(steps: steps), overrides: parsed))
        return World(rules: rules, seed: Seed(seed))
    }

    @Test func anAuctionClearsAtAPriceThatRisesWithDemand() throws {
        // The same auction (the government is 1e8 below its buffer) met by macro funds that take
        // 50, 100 or 200 times the yield gap as exposure: the more they want it, the higher it clears.
        var prices: [Double] = []
        for aggressiveness in [50, 100, 200] {
            var w = try world(["government.cash_buffer=2.0e8", "hedge_fund.macro.aggressiveness=\(aggressiveness)"])
            let record = try w.advance()
            #expect(record.bondsIssued > 0, "the auction sold bonds")
            prices.append(record.prices[w.governmentBond])
        }
        #expect(prices[0] < prices[1] && prices[1] < prices[2], "\(prices)")
    }

    @Test func couponsAndSpendingAreTransfersFromTheGovernment() throws {
        var w = try world(["government.spending=1000"])
        let cash0 = w.government.cash
        let record = try w.advance()
        // Coupons on the central bank's bonds are remitted: only privately held bonds are paid.
        let coupon = w.rules.market.assets[w.governmentBond].coupon / 252 * (1e7 - w.centralBank.bonds)
        #expect(w.centralBank.bonds > 0)
        #expect(abs(record.coupons - coupon) < 1e-6)
        #expect(abs(record.governmentSpending - 1000) < 1e-9)
        #expect(abs(w.government.cash - (cash0 - coupon - 1000 + record.taxes)) < 1e-6, "no auction: its cash is above the buffer")
        #expect(record.taxes > 0)
    }

    @Test func aLargerDeficitRaisesTheYield() throws {
        // Paired on the same seeds: a ten-fold deficit (about 2% more debt after 60 steps) must be absorbed
        // by the same buyers, so the bond clears lower and yields more. Across seeds the yield after 60
        // steps varies by about 23 bp, more than the effect (about +4 bp, measured with the CLI on seeds
        // 1-5); on common random numbers the two runs differ only through the extra issuance, so the
        // paired difference is required to be positive on each seed.
        for seed in 1...5 as ClosedRange<UInt64> {
            var small = try world(seed: seed, ["government.spending=1.0e5", "government.cash_buffer=1.0e8"])
            var large = try world(seed: seed, ["government.spending=1.0e6", "government.cash_buffer=1.0e8"])
            var y = (0.0, 0.0)
            for _ in 1...60 {
                y = (try small.advance().yields[0], try large.advance().yields[0])
            }
            #expect(y.1 > y.0, "seed \(seed): yield \(y.1) with the larger deficit, \(y.0) without")
        }
    }
}
