import Foundation
import Stochastics
import Testing
@testable import Economy

/// The retail rules as plain per-trader loops over arrays, drawing from GSL directly: the reference
/// the columnar, branch-free `RetailPopulation` must equal exactly, column by column and total by
/// total, over random populations and steps.
struct ReferenceRetail {
    var cash: [Double], units: [Double], loan: [Double], leverage: [Double], strategy: [RetailStrategy]
    var buy: [Double], sell: [Double], marked: [Bool]
    var fitness = StrategyFitness(), signals = [0.0, 0, 0]

    init(_ p: RetailPopulation) {
        (cash, units, loan, leverage, strategy) = (p.cash, p.units, p.loan, p.maxLeverage, p.strategy)
        (buy, sell, marked) = (p.buyCash, p.sellUnits, p.marked)
    }

    mutating func switchStrategies(rules: RetailRules, stream: RandomStream) throws {
        guard rules.switchRate > 0, !cash.isEmpty else { return }
        let choice = try DiscreteChoice(weights: fitness.weights(intensity: rules.switchIntensity))
        var i = stream.geometric(rules.switchRate) - 1
        while i < strategy.count {
            strategy[i] = RetailStrategy(rawValue: UInt8(choice.sample(stream)))!
            i += stream.geometric(rules.switchRate)
        }
    }

    mutating func submitOrders(price p: Double, trend: Double, previousTrend: Double, mispricing: Double, credit: Double,
                               rules: RetailRules, stream: RandomStream) {
        let band = rules.fundamentalBand
        func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }
        signals = [0, sign(trend), mispricing > band ? 1 : (mispricing < -band ? -1 : 0)]
        let trendSide = sign(trend) != sign(previousTrend) ? signals[1] : 0  // traded when the trend turns
        for i in cash.indices {
            let u = stream.uniform()
            let direction: Double
            switch strategy[i] {
            case .noise: direction = u < rules.noiseActivity ? (u < rules.noiseActivity / 2 ? 1 : -1) : 0
            case .trend: direction = trendSide
            case .fundamental: direction = signals[2]
            }
            let position = units[i] * p, equity = cash[i] + position - loan[i]
            buy[i] = !marked[i] && direction > 0 ? rules.tradeFraction * max(leverage[i] * equity - position, 0) : 0
            sell[i] = !marked[i] && direction < 0 ? rules.tradeFraction * units[i] : 0
        }
        let wanted = twoLaneSum(cash.indices.map { max(buy[$0] - cash[$0], 0) })
        guard wanted > credit else { return }
        for i in cash.indices where buy[i] > max(cash[i], 0) { buy[i] = cash[i] + (buy[i] - cash[i]) * (max(credit, 0) / wanted) }
    }

    mutating func rebalance(_ i: Int) -> Double {
        let change = marginLoanChange(cash: cash[i], loan: loan[i])
        cash[i] += change
        loan[i] += change
        return change
    }

    mutating func settle(price p: Double, buyFill: Double, sellFill: Double) -> Double {
        var changes: [Double] = []
        for i in cash.indices {
            let bought = buy[i] * (buyFill / p), sold = sell[i] * sellFill
            units[i] += bought - sold
            cash[i] += (sold - bought) * p
            changes.append(rebalance(i))
        }
        return twoLaneSum(changes)
    }

    mutating func markLiquidations(price p: Double, maintenance: Double) -> Int {
        for i in cash.indices {
            let position = units[i] * p
            marked[i] = loan[i] > 0 && position > 0 && cash[i] + position - loan[i] < maintenance * position
        }
        return marked.filter { $0 }.count
    }

    mutating func settleLiquidations(price p: Double, fill: Double) -> (Double, Double) {
        var borrowed = 0.0, writtenOff = 0.0
        for i in cash.indices where marked[i] {
            let sold = fill >= 1 - 1e-9 ? units[i] : units[i] * fill
            units[i] -= sold
            cash[i] += sold * p
            marked[i] = false
            borrowed += rebalance(i)
            if units[i] <= 0, loan[i] > 0 { writtenOff += loan[i]; loan[i] = 0 }
        }
        return (borrowed, writtenOff)
    }

    mutating func payInterest(rate: Double) -> (Double, Double) {
        var paid = 0.0, capitalised = 0.0
        for i in cash.indices where loan[i] > 0 {
            let interest = loan[i] * rate, pay = min(interest, max(cash[i], 0))
            cash[i] -= pay
            loan[i] += interest - pay
            paid += pay
            capitalised += interest - pay
        }
        return (paid, capitalised)
    }
}

/// The order and settlement passes take two traders at a time in SIMD lanes and sum each lane on
/// its own: the traders at even indices, the traders at odd ones, then the two sums.
func twoLaneSum(_ x: [Double]) -> Double {
    let even = stride(from: 0, to: x.count, by: 2).reduce(0.0) { $0 + x[$1] }
    return even + stride(from: 1, to: x.count, by: 2).reduce(0.0) { $0 + x[$1] }
}

@Suite struct RetailReferenceTests {
    @Test(arguments: [1, 2, 3, 4])
    func theColumnarRulesEqualThePlainOnesExactly(seed: UInt64) throws {
        var rules = shippedRules("retail") { RetailRules(&$0) }
        rules.switchRate = [0.05, 0.3, 1, 0.001][Int(seed) - 1]
        rules.noiseActivity = 0.4
        let setup = RandomStream(seed: Seed(seed)), n = 3_001  // not a multiple of the draw block
        var pop = RetailPopulation(cash: (0..<n).map { _ in setup.uniform(0, 1e4) }, units: (0..<n).map { _ in setup.uniform(0, 50) },
                                   maxLeverage: (0..<n).map { $0 % 7 == 0 ? setup.uniform(2, 10) : 1 },
                                   strategy: (0..<n).map { _ in RetailStrategy(rawValue: UInt8(setup.uniform(0, 3)))! })
        var ref = ReferenceRetail(pop)
        let fast = RandomStream(seed: Seed(seed + 100)), plain = RandomStream(seed: Seed(seed + 100))
        func same(_ what: String, _ step: Int) {
            #expect(pop.cash == ref.cash && pop.units == ref.units && pop.loan == ref.loan, "\(what), step \(step): balances")
            #expect(pop.strategy == ref.strategy && pop.marked == ref.marked, "\(what), step \(step): strategies and marks")
        }
        for step in 0..<40 {
            let p = 100 * exp(0.25 * sin(Double(step))), maintenance = 0.3
            #expect(pop.payInterest(rate: 0.001) == ref.payInterest(rate: 0.001))
            #expect(pop.markLiquidations(price: p, maintenance: maintenance) == ref.markLiquidations(price: p, maintenance: maintenance))
            #expect(pop.totalLiquidationUnits == zip(ref.marked, ref.units).reduce(0) { $0 + ($1.0 ? $1.1 : 0) })
            try pop.switchStrategies(rules: rules, stream: fast)
            try ref.switchStrategies(rules: rules, stream: plain)
            let credit = step % 3 == 0 ? 1e4 : .infinity
            let (trend, before) = (sin(Double(step * 7)), sin(Double(step * 7 - 7)))  // turns on some steps, not all
            pop.submitOrders(price: p, trend: trend, previousTrend: before, mispricing: 0.3 * cos(Double(step)), credit: credit,
                             rules: rules, stream: fast)
            ref.submitOrders(price: p, trend: trend, previousTrend: before, mispricing: 0.3 * cos(Double(step)), credit: credit,
                             rules: rules, stream: plain)
            #expect(pop.buyCash == ref.buy && pop.sellUnits == ref.sell, "step \(step): orders")
            // The total under the credit limit is the same sum in closed form: equal up to rounding.
            #expect(abs(pop.totalBuyCash - ref.buy.reduce(0, +)) <= 1e-12 * ref.buy.reduce(0, +) && pop.totalSellUnits == twoLaneSum(ref.sell))
            let fill = step % 4 == 0 ? 1 : 0.6
            #expect(pop.settleLiquidations(price: p, fill: fill) == ref.settleLiquidations(price: p, fill: fill))
            #expect(pop.settle(price: p, buyFill: 0.8, sellFill: 0.9) == ref.settle(price: p, buyFill: 0.8, sellFill: 0.9))
            same("settled", step)
            let census = pop.census(floor: -1e-6)  // summed in four lanes: equal to the plain sum up to rounding
            for (sum, column) in [(census.cash, ref.cash), (census.units, ref.units), (census.loan, ref.loan)] {
                #expect(abs(sum - column.reduce(0, +)) <= 1e-12 * column.reduce(0) { $0 + abs($1) })
            }
            #expect(census.firstLowCash == nil && census.firstLowUnits == nil && census.firstLowLoan == nil)
            #expect(Set(pop.borrowers.map(Int.init)) == Set(pop.loan.indices.filter { pop.loan[$0] > 0 || pop.marked[$0] }),
                    "step \(step): the borrower list is every trader with a loan or a mark")
        }
        #expect(fast.uniform() == plain.uniform(), "the two streams were used alike")
    }
}

extension RetailReferenceTests {
    @Test func theCensusFindsTheFirstBalanceBelowTheFloor() {
        var pop = RetailPopulation(cash: Array(repeating: 1, count: 11), units: Array(repeating: 2, count: 11),
                                   maxLeverage: Array(repeating: 1, count: 11), strategy: Array(repeating: .noise, count: 11))
        #expect(pop.census() == RetailCensus(cash: 11, units: 22, loan: 0))
        pop.setBalances(of: 9, cash: -1, units: .nan, loan: 0)
        pop.setBalances(of: 10, cash: -2, units: 2, loan: 0)
        let census = pop.census(floor: -0.5)
        #expect(census.firstLowCash == 9 && census.firstLowUnits == 9 && census.firstLowLoan == nil)
        #expect(census.cash == 6 && census.units.isNaN)
    }

    /// Sums feed the stock-flow check and the tables, so their rounding is part of the results: each of four
    /// lanes adds every fourth element in order, the lanes are added in order, then the elements past the
    /// last whole four. Bit for bit, at every count around the loop's steps of eight and four.
    @Test func theCensusSumsInFourLanesInOrder() {
        let stream = RandomStream(seed: Seed(3))
        for n in 0..<40 {
            let xs = (0..<n).map { _ in stream.gaussian() * pow(10, Double(Int(stream.uniform() * 12))) }
            var lanes = [0.0, 0.0, 0.0, 0.0]
            for i in 0..<(n / 4 * 4) { lanes[i % 4] += xs[i] }
            let expected = xs[(n / 4 * 4)...].reduce(-0.0 + lanes[0] + lanes[1] + lanes[2] + lanes[3], +)
            let (sum, minimum) = RetailPopulation.sumAndMinimum(xs)
            #expect(sum.bitPattern == expected.bitPattern, "\(n) traders")
            #expect(minimum == (xs.min() ?? .infinity), "\(n) traders")
        }
    }
}
