import Stochastics

/// All retail traders as columns of numbers (structure of arrays): trader `i` is index `i` of each.
///
/// A trader holds cash and units of one asset and may owe the exchange a margin loan (funded by the
/// dealers). Cash is never negative: buying beyond cash borrows, selling repays first.
///
/// Built for millions of traders: each rule is one pass over the columns it needs, through raw
/// buffers (`withColumns`), with its totals summed on the way; the margin rules (interest,
/// maintenance checks, liquidations) visit only `borrowers`. Columns change only through these
/// methods, which keep the totals and `borrowers` true.
public struct RetailPopulation: Sendable {
    public internal(set) var cash: [Double]
    public internal(set) var units: [Double]
    public internal(set) var loan: [Double]
    /// Largest position over equity the trader will take; 1 = unlevered.
    public internal(set) var maxLeverage: [Double]
    public internal(set) var strategy: [RetailStrategy]
    /// This step's market order: cash to spend if positive, units to sell if negative.
    public internal(set) var order: [Double]
    /// Marked by the exchange for liquidation: all its units are for sale and it sends no orders.
    public internal(set) var marked: [Bool]
    /// Every trader that owes a loan or is marked, in increasing order (rebuilt by `settle`, the only
    /// rule that lends to a trader without a loan). Interest, margin checks and liquidations visit these.
    var borrowers: ArraySlice<Int32> { borrowerSlots[0..<borrowerCount] }
    /// Room for every trader and a spare: `settle` writes each index and moves past it only for a
    /// borrower, so building the list takes no branch.
    var borrowerSlots: [Int32]
    var borrowerCount = 0

    /// The share of each buyer's borrowed cash the exchange's credit allows this step (1: all of it).
    public internal(set) var creditScale = 1.0
    /// This step's orders in all: cash to spend, units to sell.
    public internal(set) var totalBuyCash = 0.0
    public internal(set) var totalSellUnits = 0.0
    /// Traders marked for liquidation, and their units.
    public internal(set) var markedCount = 0
    public internal(set) var totalLiquidationUnits = 0.0
    var strategyCounts: [Int]

    public internal(set) var fitness = StrategyFitness()
    /// Each strategy's signal this step, remembered to score it on the realised return.
    public internal(set) var signals: [Double] = Array(repeating: 0, count: RetailStrategy.allCases.count)

    public init(cash: [Double], units: [Double], loan: [Double]? = nil, maxLeverage: [Double], strategy: [RetailStrategy]) {
        let n = cash.count
        precondition(units.count == n && maxLeverage.count == n && strategy.count == n && (loan?.count ?? n) == n,
                     "columns differ in length")
        precondition(n <= Int(Int32.max), "at most \(Int32.max) traders")
        self.cash = cash
        self.units = units
        let loan = loan ?? Array(repeating: 0, count: n)
        self.loan = loan
        self.maxLeverage = maxLeverage
        self.strategy = strategy
        order = Array(repeating: 0, count: n)
        marked = Array(repeating: false, count: n)
        borrowerSlots = loan.indices.filter { loan[$0] > 0 }.map { Int32($0) }
        borrowerCount = borrowerSlots.count
        borrowerSlots += Array(repeating: 0, count: n + 1 - borrowerCount)
        strategyCounts = RetailStrategy.allCases.map { s in strategy.lazy.filter { $0 == s }.count }
    }

    public var count: Int { cash.count }

    public func share(of s: RetailStrategy) -> Double {
        count == 0 ? 0 : Double(strategyCounts[Int(s.rawValue)]) / Double(count)
    }

    /// Each trader's order as cash to spend and units to sell (copies, for inspection).
    public var buyCash: [Double] {
        zip(order, cash).map { Self.buyCash(order: SIMD2(repeating: $0), cash: SIMD2(repeating: $1), creditScale: creditScale)[0] }
    }
    public var sellUnits: [Double] { order.map { max(-$0, 0) } }
    /// Units each trader is having liquidated (a copy).
    public var liquidationUnits: [Double] { zip(marked, units).map { $0 ? $1 : 0 } }


    /// Sets one trader's balances (tests place a position by hand with it).
    public mutating func setBalances(of i: Int, cash: Double, units: Double, loan: Double) {
        self.cash[i] = cash
        self.units[i] = units
        self.loan[i] = loan
        if loan > 0 && !borrowers.contains(Int32(i)) {
            borrowerSlots[borrowerCount] = Int32(i)
            borrowerCount += 1
            borrowerSlots[0..<borrowerCount].sort()
        }
    }

    /// The columns summed, and where each first falls below `floor` (or is not a number): one pass
    /// over each of cash, units and loans, four lanes at a time, and a search only if a sum is not finite or
    /// a minimum is below the floor.
    public func census(floor: Double = 0) -> RetailCensus {
        let (cash, units, loan) = (Self.sumAndMinimum(self.cash), Self.sumAndMinimum(self.units), Self.sumAndMinimum(self.loan))
        func firstLow(_ column: [Double], _ summary: (sum: Double, minimum: Double)) -> Int? {
            summary.sum.isFinite && summary.minimum >= floor ? nil : column.firstIndex { !($0 >= floor) }
        }
        return RetailCensus(cash: cash.sum, units: units.sum, loan: loan.sum, firstLowCash: firstLow(self.cash, cash),
                            firstLowUnits: firstLow(self.units, units), firstLowLoan: firstLow(self.loan, loan))
    }

    /// The sum (in four interleaved lanes, added in order at the end) and the smallest element of
    /// `column`, eight elements a loop (two pairs of vector lanes, twice).
    static func sumAndMinimum(_ column: [Double]) -> (sum: Double, minimum: Double) {
        column.withUnsafeBufferPointer { x in
            typealias Pair = SIMD2<Double>
            var (s01, s23) = (Pair(), Pair()), (m01, m23) = (Pair(repeating: .infinity), Pair(repeating: .infinity))
            let raw = UnsafeRawPointer(x.baseAddress)
            @inline(__always) func four(_ i: Int) {
                let (a, b) = (raw!.loadUnaligned(fromByteOffset: 8 * i, as: Pair.self),
                              raw!.loadUnaligned(fromByteOffset: 8 * i + 16, as: Pair.self))
                s01 += a
                s23 += b
                m01.replace(with: a, where: a .< m01)
                m23.replace(with: b, where: b .< m23)
            }
            let lanes = x.count / 4 * 4, eights = x.count / 8 * 8
            var i = 0
            while i < eights {
                four(i)
                four(i &+ 4)
                i &+= 8
            }
            if eights < lanes { four(eights) }
            var total = -0.0 + s01[0] + s01[1] + s23[0] + s23[1]
            var least = min(min(m01[0], m01[1]), min(m23[0], m23[1]))
            for i in lanes..<x.count {
                total += x[i]
                least = min(least, x[i])
            }
            return (total, least)
        }
    }

    /// Raw views of every column for one pass; valid inside `body` only. Indexing them has no
    /// bounds or uniqueness checks in a release build, so the hot loops read like the formulas.
    mutating func withColumns<R>(_ body: (Columns) throws -> R) rethrows -> R {
        try cash.withUnsafeMutableBufferPointer { cash in
            try units.withUnsafeMutableBufferPointer { units in
                try loan.withUnsafeMutableBufferPointer { loan in
                    try maxLeverage.withUnsafeMutableBufferPointer { maxLeverage in
                        try strategy.withUnsafeMutableBufferPointer { strategy in
                            try order.withUnsafeMutableBufferPointer { order in
                                try marked.withUnsafeMutableBufferPointer { marked in
                                    try body(Columns(cash: cash, units: units, loan: loan, maxLeverage: maxLeverage,
                                                     strategy: strategy, order: order, marked: marked))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    struct Columns {
        let cash, units, loan, maxLeverage: UnsafeMutableBufferPointer<Double>
        let strategy: UnsafeMutableBufferPointer<RetailStrategy>
        let order: UnsafeMutableBufferPointer<Double>
        let marked: UnsafeMutableBufferPointer<Bool>
        var count: Int { cash.count }

        /// Borrows trader i's negative cash, or repays its loan from positive cash; returns the change.
        @inline(__always)
        func rebalanceLoan(_ i: Int) -> Double {
            let change = marginLoanChange(cash: cash[i], loan: loan[i])
            cash[i] += change
            loan[i] += change
            return change
        }
    }
}

/// The retail columns summed, and the first trader whose cash, units or loan is below the floor the
/// census was taken at (nil if none).
public struct RetailCensus: Sendable, Equatable {
    public var cash = 0.0, units = 0.0, loan = 0.0
    public var firstLowCash: Int?, firstLowUnits: Int?, firstLowLoan: Int?
}
