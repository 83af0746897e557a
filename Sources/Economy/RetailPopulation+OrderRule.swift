import Stochastics

extension RetailPopulation {
    /// A trader's side as an integer: 0 sell, 1 none, 2 buy. Noise traders draw theirs; trend
    /// followers and fundamentalists take this step's `trend` and `value` sides. The three sit in
    /// two-bit fields of one integer, shifted by the strategy's raw value, and the buy and sell
    /// factors (0 or 1) of two traders' sides are read from a table: no branch depends on the
    /// trader. (Strategies and draws are random; a branch on them would mispredict about every other
    /// trader.)
    struct OrderSides {
        let trend: Int, value: Int
        let activity: Double
        var fixed: Int { trend << (2 * Int(RetailStrategy.trend.rawValue)) | value << (2 * Int(RetailStrategy.fundamental.rawValue)) }
        /// Buy and sell factors of two traders in SIMD lanes, at index side0 + 3 x side1.
        static let buyFactors: [SIMD2<Double>] = pairs { $0 == 2 ? 1 : 0 }
        static let sellFactors: [SIMD2<Double>] = pairs { $0 == 0 ? 1 : 0 }
        static func pairs(_ factor: (Int) -> Double) -> [SIMD2<Double>] {
            (0..<9).map { SIMD2(factor($0 % 3), factor($0 / 3)) }
        }
    }

    /// A trader's order, two traders at a time: lane by lane the arithmetic of one at a time.
    struct OrderRule {
        let price, tradeFraction: Double
        let fixed: Int, half: UInt64, active: UInt64
        let buyFactors, sellFactors: UnsafeBufferPointer<SIMD2<Double>>

        /// `buyFactors` and `sellFactors` are `OrderSides`' tables.
        init(price: Double, tradeFraction: Double, sides: OrderSides,
             buyFactors: UnsafeBufferPointer<SIMD2<Double>>, sellFactors: UnsafeBufferPointer<SIMD2<Double>>) {
            (self.price, self.tradeFraction, fixed) = (price, tradeFraction, sides.fixed)
            (half, active) = (UniformSource.threshold(sides.activity / 2), UniformSource.threshold(sides.activity))
            (self.buyFactors, self.sellFactors) = (buyFactors, sellFactors)
        }

        /// Trader i's side (`OrderSides`) from its draw (the uniform times 2^32).
        @inline(__always)
        func side(_ c: Columns, _ i: Int, draw: UInt32) -> Int {
            let u = UInt64(draw)
            let noiseSide = 1 + 2 * (u < half ? 1 : 0) - (u < active ? 1 : 0)  // buy, sell each activity / 2
            let chosen = ((fixed | noiseSide) &>> (2 * Int(c.strategy[i].rawValue))) & 3
            return c.marked[i] ? 1 : chosen  // a position being liquidated sends no orders of its own
        }

        /// The orders of two traders whose sides are at `side` of the factor tables; adds them to `sums`.
        @inline(__always)
        func orders(cash: SIMD2<Double>, units: SIMD2<Double>, loan: SIMD2<Double>, leverage: SIMD2<Double>,
                    side: Int, into sums: inout OrderSums) -> SIMD2<Double> {
            let position = units * price
            let equity = cash + position - loan
            let buy = buyFactors[side] * (tradeFraction * positivePart(leverage * equity - position))
            let sell = sellFactors[side] * (tradeFraction * units)
            sums.buys += buy
            sums.sells += sell
            sums.wanted += positivePart(buy - cash)
            return buy - sell
        }
    }

    /// The order pass's totals, one per lane.
    struct OrderSums {
        var buys = SIMD2<Double>(), sells = SIMD2<Double>(), wanted = SIMD2<Double>()

        /// Adds lane 0 of `one` (a single trader computed in both lanes).
        mutating func add(lane one: OrderSums) {
            buys[0] += one.buys[0]
            sells[0] += one.sells[0]
            wanted[0] += one.wanted[0]
        }
    }
}
