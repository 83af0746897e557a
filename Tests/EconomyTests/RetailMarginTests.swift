import Config
import Foundation
import Stochastics
import Testing
@testable import Economy

@Suite struct RetailMarginTests {
    var rules = shippedRules("retail") { RetailRules(&$0) }

    /// A levered population after a few rounds of buying and selling among themselves.
    func population(_ n: Int = 2_000, seed: UInt64 = 1) -> (RetailPopulation, RandomStream) {
        let s = RandomStream(seed: Seed(seed))
        let pop = RetailPopulation(cash: (0..<n).map { _ in s.uniform(0, 1e5) }, units: (0..<n).map { _ in s.uniform(0, 500) },
                                   maxLeverage: (0..<n).map { $0 % 2 == 0 ? s.uniform(1, 10) : 1 },
                                   strategy: (0..<n).map { _ in RetailStrategy(rawValue: UInt8(s.uniform(0, 3)))! })
        return (pop, s)
    }

    @Test func settlementMovesCashOnlyByTradesAndLoans() {
        var (pop, s) = population()
        for step in 0..<50 {
            let p = 100 * exp(Double(step % 7) * 0.02)
            pop.submitOrders(price: p, trend: step % 3 == 0 ? -0.01 : 0.02, previousTrend: 0, mispricing: 0, rules: rules, stream: s)
            // Fill the smaller side fully and the larger side pro rata, as clearing does.
            let buyUnits = pop.totalBuyCash / p, sellUnits = pop.totalSellUnits
            let matched = min(buyUnits, sellUnits)
            let cash0 = pop.cash.reduce(0, +), loan0 = pop.loan.reduce(0, +), units0 = pop.units.reduce(0, +)
            let borrowed = pop.settle(price: p, buyFill: buyUnits > 0 ? matched / buyUnits : 0,
                                      sellFill: sellUnits > 0 ? matched / sellUnits : 0)
            let cash1 = pop.cash.reduce(0, +), loan1 = pop.loan.reduce(0, +)
            #expect(abs(loan1 - loan0 - borrowed) < 1e-6 * max(loan1, 1))
            #expect(abs((cash1 - cash0) - borrowed) < 1e-6 * cash0, "step \(step): cash moved by \(cash1 - cash0), loans by \(borrowed)")
            #expect(abs(pop.units.reduce(0, +) - units0) < 1e-9 * units0)
            #expect(pop.cash.allSatisfy { $0 >= 0 } && pop.loan.allSatisfy { $0 >= 0 })
        }
    }

    @Test func aTraderBelowMaintenanceMarginIsMarkedAndLiquidated() {
        // Position 100 x 10 = 1000 against a loan of 980: equity 20 < 5% of 1000.
        var pop = RetailPopulation(cash: [0, 50], units: [100, 100], loan: [980, 500], maxLeverage: [10, 10], strategy: [.noise, .noise])
        #expect(pop.markLiquidations(price: 10, maintenance: 0.05) == 1)
        #expect(pop.liquidationUnits == [100, 0])
        let (borrowed, writtenOff) = pop.settleLiquidations(price: 10, fill: 1)
        #expect(pop.units[0] == 0 && pop.loan[0] == 0)
        #expect(abs(pop.cash[0] - 20) < 1e-9, "sale proceeds repay the loan; the equity is left")
        #expect(abs(borrowed + 980) < 1e-9 && writtenOff == 0)
        #expect(pop.units[1] == 100 && pop.loan[1] == 500, "a trader within margin is untouched")
    }

    @Test func aTraderBeingLiquidatedSendsNoOrdersOfItsOwn() {
        var r = rules
        r.tradeFraction = 0.5
        var pop = RetailPopulation(cash: [0, 0], units: [100, 100], loan: [980, 0], maxLeverage: [10, 10], strategy: [.trend, .trend])
        _ = pop.markLiquidations(price: 10, maintenance: 0.05)
        pop.submitOrders(price: 10, trend: -1, previousTrend: 0, mispricing: 0, rules: r, stream: RandomStream(seed: Seed(1)))
        #expect(pop.sellUnits == [0, 50], "only the liquidation sells trader 0's units")
    }

    @Test func aLiquidationThatCannotCoverTheLoanWritesOffTheRest() {
        var pop = RetailPopulation(cash: [0], units: [100], loan: [1200], maxLeverage: [10], strategy: [.noise])
        #expect(pop.markLiquidations(price: 10, maintenance: 0.05) == 1)
        let (borrowed, writtenOff) = pop.settleLiquidations(price: 10, fill: 1)
        #expect(abs(borrowed + 1000) < 1e-9 && abs(writtenOff - 200) < 1e-9)
        #expect(pop.loan == [0] && pop.cash == [0] && pop.units == [0])
    }

    @Test func borrowingIsScaledToTheExchangesCredit() {
        var r = rules
        r.tradeFraction = 1
        var pop = RetailPopulation(cash: [100, 100], units: [0, 0], maxLeverage: [5, 1], strategy: [.trend, .trend])
        pop.submitOrders(price: 10, trend: 1, previousTrend: 0, mispricing: 0, credit: .infinity, rules: r, stream: RandomStream(seed: Seed(1)))
        #expect(pop.buyCash == [500, 100], "5x leverage spends 400 of borrowed cash")
        pop.submitOrders(price: 10, trend: 1, previousTrend: 0, mispricing: 0, credit: 100, rules: r, stream: RandomStream(seed: Seed(1)))
        #expect(pop.buyCash == [200, 100], "only 100 of credit is left")
        pop.submitOrders(price: 10, trend: 1, previousTrend: 0, mispricing: 0, credit: 0, rules: r, stream: RandomStream(seed: Seed(1)))
        #expect(pop.buyCash == [100, 100])
    }

    @Test func switchingFollowsTheLogitOfProfitability() throws {
        // Every trader reconsiders (rate 1); trend has earned 0.01 per step and the others 0, so with
        // intensity 100 trend's weight is e against 1 and 1: share e/(e+2) = 0.576. n = 20,000 gives a
        // binomial sd of 0.0035; the tolerance is 5 sd.
        var r = rules
        r.switchRate = 1
        r.switchIntensity = 100
        let n = 20_000
        var pop = RetailPopulation(cash: .init(repeating: 1, count: n), units: .init(repeating: 1, count: n),
                                   maxLeverage: .init(repeating: 1, count: n), strategy: .init(repeating: .noise, count: n))
        pop.submitOrders(price: 1, trend: 1, previousTrend: 0, mispricing: 0, rules: r, stream: RandomStream(seed: Seed(3)))
        pop.scoreStrategies(realisedReturn: 0.01, memory: 1)
        #expect(pop.fitness.profitability == [0, 0.01, 0])
        try pop.switchStrategies(rules: r, stream: RandomStream(seed: Seed(4)))
        let e = exp(1.0)
        let expected = e / (e + 2)
        #expect(abs(pop.share(of: .trend) - expected) < 5 * (expected * (1 - expected) / Double(n)).squareRoot())
    }
}
