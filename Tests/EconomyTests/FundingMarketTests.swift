import Testing
@testable import Economy

@Suite struct FundingMarketTests {
    /// A lender offering nothing at the floor and all of `cash` 10 bp above it.
    func lender(_ cash: Double) -> (Double) -> Double { { r in cash * min(max((r - 0.03) / 0.001, 0), 1) } }

    @Test func abundantCashLeavesTheRateAtTheFloor() throws {
        let r = try FundingMarket.clear(demand: [{ _ in 0 }], supply: [lender(100)], floor: 0.03, ceiling: 0.035)
        #expect(r.rate == 0.03 && r.lent == [0] && r.standingRepo == 0)
    }

    @Test func demandInsideWhatLendersOfferClearsInsideTheCorridor() throws {
        let r = try FundingMarket.clear(demand: [{ _ in 50 }], supply: [lender(100)], floor: 0.03, ceiling: 0.035)
        #expect(abs(r.rate - 0.0305) < 1e-9, "half the lender's cash is offered 5 bp above the floor")
        #expect(abs(r.lent[0] - 50) < 1e-6 && r.borrowed == [50] && r.standingRepo < 1e-6)
    }

    @Test func demandBeyondPrivateLendingIsMetByTheStandingRepoAtTheCeiling() throws {
        let r = try FundingMarket.clear(demand: [{ _ in 80 }, { _ in 70 }], supply: [lender(100)], floor: 0.03, ceiling: 0.035)
        #expect(r.rate == 0.035)
        #expect(r.lent == [100] && abs(r.standingRepo - 50) < 1e-9)
    }

    @Test func theRateRisesAsLendersCashShrinks() throws {
        var last = 0.0
        for cash in [400.0, 200, 100, 60] {
            let r = try FundingMarket.clear(demand: [{ _ in 50 }], supply: [lender(cash)], floor: 0.03, ceiling: 0.035)
            #expect(r.rate > last)
            last = r.rate
        }
    }
}
