import Foundation
import Testing
@testable import Economy

@Suite struct ClearingTests {
    /// Clears from `reference` within `limit` log points of `close` (the reference, unless given).
    func clear(_ curves: [(Double) -> Double], from reference: Double = 50, close: Double? = nil,
               limit: Double = 2) throws -> ClearingResult {
        let close = close ?? reference
        return try Clearing.clear(curves.enumerated().map { DemandCurve(.hedgeFund($0.offset), $0.element) },
                                  reference: reference, floor: close * exp(-limit), ceiling: close * exp(limit),
                                  tolerance: 1e-13)
    }

    /// The clearing search's memory of points: each distinct point computed once, and what it gave
    /// returned again (the same number, whatever was asked in between).
    @Test func rememberedValuesAreComputedOncePerPoint() {
        var remembered = Remembered(), calls = 0
        func f(_ x: Double) -> Double { calls += 1; return x * x - 2 }
        let points = [1.0, 2.0, 1.0, 1.5, 2.0, 1.5, 1.0]
        let values = points.map { remembered.value(at: $0, f) }
        #expect(values == points.map { $0 * $0 - 2 })
        #expect(calls == 3)
    }

    @Test func findsThePriceWhereExcessDemandIsZero() throws {
        // 100 dollars to spend against 1 unit offered: the market clears at 100.
        let r = try clear([{ 100 / $0 }, { _ in -1 }])
        #expect(abs(r.price - 100) < 1e-9)
        #expect(abs(r.fills[0] - 1) < 1e-9 && abs(r.fills[1] + 1) < 1e-12)
        #expect(abs(r.fills.reduce(0, +)) < 1e-12, "fills balance")
        #expect(abs(r.residual) < 1e-9 && abs(r.volume - 1) < 1e-9)
        #expect(!r.halted)
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

    @Test func anUnclearableMarketHaltsAtItsLimitAndReportsTheResidual() throws {
        // Buyers only: no price within the limit clears, so the price stops at the limit up,
        // nothing trades, the unmatched demand is reported and the market halts.
        let r = try clear([{ 100 / $0 }, { _ in 0 }], from: 10, limit: 0.5)
        #expect(abs(r.price - 10 * exp(0.5)) < 1e-9)
        #expect(r.fills == [0, 0])
        #expect(abs(r.residual - 100 / r.price) < 1e-9)
        #expect(r.halted, "a price at the limit with orders unmatched is a halt")
    }

    @Test func theLimitIsFromTheCloseWhateverEarlierRoundsMoved() throws {
        // A second round starts where the first left the price (12), but the day's limit is measured
        // from the close (10): sellers only push it to 10 x exp(-0.1), not 12 x exp(-0.1).
        let r = try clear([{ _ in -1 }, { p in p > 9 ? 0 : 0.5 }], from: 12, close: 10, limit: 0.1)
        #expect(abs(r.price - 10 * exp(-0.1)) < 1e-9 && r.halted)
        #expect(abs(r.volume) < 1e-12 && r.residual == -1)
        // Already at the limit: no room, and the price stays.
        let shut = try clear([{ _ in -1 }], from: 10 * exp(-0.1), close: 10, limit: 0.1)
        #expect(abs(shut.price - 10 * exp(-0.1)) < 1e-9 && shut.halted)
    }

    @Test func aMarketThatClearsWithinItsLimitDoesNotHalt() throws {
        // 100 dollars against 1 unit clears at 100, 10% above the close at 90.9: inside a limit of 0.2.
        let r = try clear([{ 100 / $0 }, { _ in -1 }], from: 90.9, limit: 0.2)
        #expect(abs(r.price - 100) < 1e-9 && !r.halted)
        // With a limit of 0.05 the same orders halt at the limit up.
        let halted = try clear([{ 100 / $0 }, { _ in -1 }], from: 90.9, limit: 0.05)
        #expect(abs(halted.price - 90.9 * exp(0.05)) < 1e-9 && halted.halted && halted.residual > 0)
    }

    @Test func aRoundingLevelExcessAtTheLimitIsNoHalt() throws {
        // Demand falls to exactly the supply at the edge but for a hair: rationing absorbs rounding.
        let edge = 10 * exp(0.5)
        let r = try clear([{ p in p < edge * (1 - 1e-12) ? 2 : 1 + 1e-12 }, { _ in -1 }], from: 10, limit: 0.5)
        #expect(abs(r.price - edge) < 1e-9 && r.residual > 0 && !r.halted)
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
