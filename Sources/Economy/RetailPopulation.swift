import Foundation
import Stochastics

/// All retail traders as columns of numbers (structure of arrays): trader `i` is index `i` of each.
///
/// A trader holds cash and units of one asset and may owe the exchange a margin loan (funded by the
/// dealers). Cash is never negative: buying beyond cash borrows, selling repays first.
public struct RetailPopulation: Sendable {
    public var cash: [Double]
    public var units: [Double]
    public var loan: [Double]
    /// Largest position over equity the trader will take; 1 = unlevered.
    public var maxLeverage: [Double]
    public var strategy: [RetailStrategy]
    /// This step's orders: cash to spend, units to sell, units the exchange is liquidating.
    public private(set) var buyCash: [Double]
    public private(set) var sellUnits: [Double]
    public private(set) var liquidationUnits: [Double]
    public private(set) var fitness = StrategyFitness()
    /// Each strategy's signal this step, remembered to score it on the realised return.
    public private(set) var signals: [Double] = Array(repeating: 0, count: RetailStrategy.allCases.count)

    public init(cash: [Double], units: [Double], maxLeverage: [Double], strategy: [RetailStrategy]) {
        let n = cash.count
        precondition(units.count == n && maxLeverage.count == n && strategy.count == n, "columns differ in length")
        self.cash = cash
        self.units = units
        self.maxLeverage = maxLeverage
        self.strategy = strategy
        loan = Array(repeating: 0, count: n)
        buyCash = Array(repeating: 0, count: n)
        sellUnits = Array(repeating: 0, count: n)
        liquidationUnits = Array(repeating: 0, count: n)
    }

    public var count: Int { cash.count }

    /// Each trader reconsiders its strategy with probability `switchRate`, choosing strategy k with
    /// probability proportional to exp(intensity x profitability_k) (Brock and Hommes 1998).
    public mutating func switchStrategies(rules: RetailRules, stream: RandomStream) throws {
        guard rules.switchRate > 0, count > 0 else { return }
        let choice = try DiscreteChoice(weights: fitness.weights(intensity: rules.switchIntensity))
        for i in 0..<count where stream.uniform() < rules.switchRate {
            strategy[i] = RetailStrategy(rawValue: UInt8(choice.sample(stream)))!
        }
    }

    /// Every trader decides this step's market order from the morning's `price`, the `trend` (log
    /// change over the lookback) and the log `mispricing` log(anchor / price). A buy spends
    /// `trade_fraction` of the room to the leverage cap, `L x equity - position` (for an unlevered
    /// trader: its cash); a sell sells `trade_fraction` of the units. One uniform draw per trader.
    /// The borrowed part of all buys together is scaled down to fit `credit`, the exchange's unused
    /// lending capacity. Traders marked for liquidation send no orders.
    public mutating func submitOrders(price p: Double, trend: Double, mispricing: Double,
                                      credit: Double = .infinity, rules: RetailRules, stream: RandomStream) {
        let band = rules.fundamentalBand
        signals = [0, trend > 0 ? 1 : (trend < 0 ? -1 : 0), mispricing > band ? 1 : (mispricing < -band ? -1 : 0)]
        let f = rules.tradeFraction, activity = rules.noiseActivity
        for i in 0..<count {
            let u = stream.uniform()
            let direction: Double
            switch strategy[i] {
            case .noise: direction = u < activity ? (u < activity / 2 ? 1 : -1) : 0
            case .trend: direction = signals[1]
            case .fundamental: direction = signals[2]
            }
            let position = units[i] * p
            let equity = cash[i] + position - loan[i]
            let free = liquidationUnits[i] == 0  // a position being liquidated sends no orders of its own
            buyCash[i] = free && direction > 0 ? f * max(maxLeverage[i] * equity - position, 0) : 0
            sellUnits[i] = free && direction < 0 ? f * units[i] : 0
        }
        var wanted = 0.0
        for i in 0..<count { wanted += max(buyCash[i] - cash[i], 0) }
        guard wanted > credit else { return }
        let scale = max(credit, 0) / wanted
        for i in 0..<count where buyCash[i] > cash[i] {
            buyCash[i] = cash[i] + (buyCash[i] - cash[i]) * scale
        }
    }

    public var totalBuyCash: Double { buyCash.reduce(0, +) }
    public var totalSellUnits: Double { sellUnits.reduce(0, +) }
    public var totalLiquidationUnits: Double { liquidationUnits.reduce(0, +) }

    /// Applies the day's fills at `price`: each order filled by its side's fraction. Returns the change
    /// in loans owed to the exchange (new borrowing minus repayment).
    public mutating func settle(price p: Double, buyFill: Double, sellFill: Double) -> Double {
        var borrowed = 0.0
        for i in 0..<count {
            let bought = buyCash[i] * buyFill / p
            let sold = sellUnits[i] * sellFill
            units[i] += bought - sold
            cash[i] += (sold - bought) * p
            borrowed += rebalanceLoan(i)
        }
        return borrowed
    }

    /// Marks for liquidation every trader whose equity is below `maintenance` of its position at
    /// `price` (and who holds units). Returns how many were marked.
    public mutating func markLiquidations(price p: Double, maintenance: Double) -> Int {
        var marked = 0
        for i in 0..<count {
            let position = units[i] * p
            let equity = cash[i] + position - loan[i]
            let liquidate = loan[i] > 0 && position > 0 && equity < maintenance * position
            liquidationUnits[i] = liquidate ? units[i] : 0
            if liquidate { marked += 1 }
        }
        return marked
    }

    /// Sells each marked position's filled fraction at `price`; proceeds repay the loan. A trader
    /// left with no units and a loan its cash cannot cover defaults on the rest. Returns (change in
    /// loans, loans written off).
    public mutating func settleLiquidations(price p: Double, fill: Double) -> (borrowed: Double, writtenOff: Double) {
        var borrowed = 0.0, writtenOff = 0.0
        for i in 0..<count where liquidationUnits[i] > 0 {
            let sold = fill >= 1 - 1e-9 ? liquidationUnits[i] : liquidationUnits[i] * fill  // no dust after a full fill
            units[i] -= sold
            cash[i] += sold * p
            liquidationUnits[i] = 0
            borrowed += rebalanceLoan(i)
            if units[i] <= 0, loan[i] > 0 {
                writtenOff += loan[i]
                loan[i] = 0
            }
        }
        return (borrowed, writtenOff)
    }

    /// Scores each strategy's signal on the step's realised log return of the asset.
    /// Each household receives an equal share of `income` (wages, buybacks) and spends a fraction
    /// of it plus a fraction of its net wealth at `price` on goods, never more cash than it has
    /// (Godley and Lavoie's consumption function, out of income and out of wealth: a rally in what
    /// households hold raises their spending). Returns the total spent.
    public mutating func receiveAndConsume(income: Double, price p: Double, incomePropensity: Double,
                                           wealthPropensity: Double) -> Double {
        let each = income / Double(count)
        var spent = 0.0
        for i in cash.indices {
            let wealth = max(cash[i] + units[i] * p - loan[i], 0)
            let consumed = min(incomePropensity * each + wealthPropensity * wealth, max(cash[i] + each, 0))
            cash[i] += each - consumed
            spent += consumed
        }
        return spent
    }

    /// Every borrower owes a day's interest at `rate` per step on its loan: it pays what its cash
    /// covers and the rest is added to the loan. Returns the totals paid and added.
    public mutating func payInterest(rate: Double) -> (paid: Double, capitalised: Double) {
        guard rate > 0 else { return (0, 0) }
        var paid = 0.0, capitalised = 0.0
        for i in loan.indices where loan[i] > 0 {
            let interest = loan[i] * rate, pay = min(interest, max(cash[i], 0))
            cash[i] -= pay
            loan[i] += interest - pay
            paid += pay
            capitalised += interest - pay
        }
        return (paid, capitalised)
    }

    public mutating func scoreStrategies(realisedReturn r: Double, memory: Double) {
        fitness.update(signals: signals, realisedReturn: r, memory: memory)
    }

    public func share(of s: RetailStrategy) -> Double {
        count == 0 ? 0 : Double(strategy.lazy.filter { $0 == s }.count) / Double(count)
    }

    /// Borrows trader i's negative cash, or repays its loan from positive cash; returns the change.
    private mutating func rebalanceLoan(_ i: Int) -> Double {
        let change = marginLoanChange(cash: cash[i], loan: loan[i])
        cash[i] += change
        loan[i] += change
        return change
    }
}
