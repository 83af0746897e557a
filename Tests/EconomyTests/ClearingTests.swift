import Foundation
import Testing
@testable import Economy

@Suite struct ClearingTests {
    func clear(_ curves: [(Double) -> Double], from reference: Double = 50, maxLogMove: Double = 2) throws -> ClearingResult {
        try Clearing.clear(curves.enumerated().map { DemandCurve(.hedgeFund($0.offset), $0.element) },
                           reference: reference, maxLogMove: maxLogMove, tolerance: 1e-13)
    }

    @Test func findsThePriceWhereExcessDemandIsZero() throws {
        // 100 dollars to spend against 1 unit offered: the market clears at 100.
        let r = try clear([{ 100 / $0 }, { _ in -1 }])
        #expect(abs(r.price - 100) < 1e-9)
        #expect(abs(r.fills[0] - 1) < 1e-9 && abs(r.fills[1] + 1) < 1e-12)
        #expect(abs(r.fills.reduce(0, +)) < 1e-12, "fills balance")
        #expect(abs(r.residual) < 1e-9 && abs(r.volume - 1) < 1e-9)
        #expect(r.cleared)
    }

    @Test func priceRisesWithDemand() throws {
        let supply: (Double) -> Double = { p in -0.1 * p }  // sellers offer more as the price rises
        var last = 0.0
        for budget in [10.0, 100, 1000] {
            let r = try clear([{ budget / $0 }, supply])
            #expect(r.price > last)
            last = r.price
        }
    }

    @Test func unclearableMarketStopsAtTheBracketEdgeAndReportsTheResidual() throws {
        // Buyers only: no price in range clears, so the price moves the whole allowed distance up,
        // nothing trades, and the unmatched demand is reported.
        let r = try clear([{ 100 / $0 }, { _ in 0 }], from: 10, maxLogMove: 0.5)
        #expect(abs(r.price - 10 * exp(0.5)) < 1e-9)
        #expect(r.fills == [0, 0])
        #expect(abs(r.residual - 100 / r.price) < 1e-9)
        #expect(!r.cleared, "a price at the search edge is a market failure")
    }

    @Test func aRoundingLevelExcessAtTheEdgeStillClears() throws {
        // Demand falls to exactly the supply at the edge but for a hair: rationing absorbs rounding.
        let edge = 10 * exp(0.5)
        let r = try clear([{ p in p < edge * (1 - 1e-12) ? 2 : 1 + 1e-12 }, { _ in -1 }], from: 10, maxLogMove: 0.5)
        #expect(abs(r.price - edge) < 1e-9 && r.residual > 0 && r.cleared)
    }

    @Test func anOrderThatIsNotANumberNamesItsParticipant() throws {
        do {
            _ = try clear([{ 100 / $0 }, { _ in -.infinity }])
            Issue.record("an infinite order cleared")
        } catch let error as NonFiniteOrder {
            #expect(error.participant == .hedgeFund(1) && error.description.hasPrefix("hedge_fund[1]'s order at price"))
        }
    }

    @Test func rationingScalesTheLongSideSoFillsBalance() {
        let r = Clearing.ration([4, 2, -3], at: 1, bracketed: true)
        #expect(r.fills == [2, 1, -3])
        #expect(r.residual == 3 && r.volume == 3)
    }
}
