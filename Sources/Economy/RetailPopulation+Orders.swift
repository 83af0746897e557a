import Stochastics

extension RetailPopulation {
    /// Each trader reconsiders its strategy with probability `switchRate`, choosing strategy k with
    /// probability proportional to exp(intensity x profitability_k) (Brock and Hommes 1998). Who
    /// reconsiders is drawn as the geometric gaps between them (the same law as a coin per trader),
    /// so the stream is used twice per reconsidering trader, not once per trader.
    public mutating func switchStrategies(rules: RetailRules, stream: RandomStream) throws {
        guard rules.switchRate > 0, count > 0 else { return }
        let choice = try DiscreteChoice(weights: fitness.weights(intensity: rules.switchIntensity))
        let gaps = Geometric(rules.switchRate)
        var counts = strategyCounts
        strategy.withUnsafeMutableBufferPointer { strategy in
            stream.withUniforms { source in
                var rng = source  // a local copy stays in registers
                defer { source = rng }
                var i = rng.geometric(gaps, cap: strategy.count + 1) - 1
                while i < strategy.count {
                    let chosen = RetailStrategy(rawValue: UInt8(truncatingIfNeeded: choice.pick(rng.next())))!
                    counts[Int(strategy[i].rawValue)] -= 1
                    counts[Int(chosen.rawValue)] += 1
                    strategy[i] = chosen
                    i += rng.geometric(gaps, cap: strategy.count - i)
                }
            }
        }
        strategyCounts = counts
    }

    /// Every trader decides this step's market order from the morning's `price`, the `trend` (log
    /// change over the lookback) and the log `mispricing` log(anchor / price). A buy spends
    /// `trade_fraction` of the room to the leverage cap, `L x equity - position` (for an unlevered
    /// trader: its cash); a sell sells `trade_fraction` of the units. One uniform draw per trader.
    /// The borrowed part of all buys together is scaled down to fit `credit`, the exchange's unused
    /// lending capacity (the `order` column keeps the unscaled orders; `buyCash` and settlement apply
    /// `creditScale`). Traders marked for liquidation send no orders.
    public mutating func submitOrders(price p: Double, trend: Double, mispricing: Double,
                                      credit: Double = .infinity, rules: RetailRules, stream: RandomStream) {
        let band = rules.fundamentalBand
        let trendSignal = trend > 0 ? 1 : (trend < 0 ? -1 : 0)
        let valueSignal = mispricing > band ? 1 : (mispricing < -band ? -1 : 0)
        signals = [0, Double(trendSignal), Double(valueSignal)]
        let sides = OrderSides(trend: 1 + trendSignal, value: 1 + valueSignal, activity: rules.noiseActivity)
        let (buys, sells, wanted) = withColumns { c in
            stream.withUniforms { source in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.drawBlock) { draws in
                    Self.orderPass(c, source: &source, draws: draws, price: p, tradeFraction: rules.tradeFraction, sides: sides)
                }
            }
        }
        totalSellUnits = sells
        // Over the credit, each buyer's borrowed part (its order beyond its cash) is scaled down;
        // settlement applies the scale, and the total is the same sum in closed form.
        creditScale = wanted > credit ? max(credit, 0) / wanted : 1
        totalBuyCash = creditScale < 1 ? buys - (1 - creditScale) * wanted : buys
    }

    /// Traders per block of uniforms: a block's draws come from one tight loop, then its traders use
    /// them from L1 (a loop that draws as it goes has too many live values to keep the generator in
    /// registers).
    static let drawBlock = UniformSource.laneBlock

    /// A trader's side as an integer: 0 sell, 1 none, 2 buy. Noise traders draw theirs; trend
    /// followers and fundamentalists take this step's `trend` and `value` sides. The three sit in
    /// two-bit fields of one integer, shifted by the strategy's raw value, and each side's buy and sell
    /// factor (0 or 1) is read from a table: no branch depends on the trader. (Strategies and draws
    /// are random; a branch on them would mispredict about every other trader.)
    struct OrderSides {
        let trend: Int, value: Int
        let activity: Double
        /// Each side's factor (0 or 1) on the room to buy and on the units to sell.
        static let buyFactor: [Double] = [0, 0, 1], sellFactor: [Double] = [1, 0, 0]
        var fixed: Int { trend << (2 * Int(RetailStrategy.trend.rawValue)) | value << (2 * Int(RetailStrategy.fundamental.rawValue)) }
    }

    /// The loop of `submitOrders` over every trader; returns the buys, the sells and the part of the
    /// buys beyond the buyers' cash.
    private static func orderPass(_ c: Columns, source: inout UniformSource, draws: UnsafeMutableBufferPointer<UInt32>,
                                  price p: Double, tradeFraction f: Double, sides: OrderSides) -> (Double, Double, Double) {
        OrderSides.buyFactor.withUnsafeBufferPointer { buyFactor in
            OrderSides.sellFactor.withUnsafeBufferPointer { sellFactor in
                orderPass(c, source: &source, draws: draws, price: p, tradeFraction: f, sides: sides,
                          buyFactor: buyFactor, sellFactor: sellFactor)
            }
        }
    }

    private static func orderPass(_ c: Columns, source: inout UniformSource, draws: UnsafeMutableBufferPointer<UInt32>,
                                  price p: Double, tradeFraction f: Double, sides: OrderSides,
                                  buyFactor: UnsafeBufferPointer<Double>, sellFactor: UnsafeBufferPointer<Double>) -> (Double, Double, Double) {
        let (strategy, marked, cash, units, loan, leverage, order) = (c.strategy, c.marked, c.cash, c.units, c.loan, c.maxLeverage, c.order)
        let fixed = sides.fixed
        assert(RetailStrategy.noise.rawValue == 0, "noise traders' side is the lowest field")
        let half = UniformSource.threshold(sides.activity / 2), active = UniformSource.threshold(sides.activity)
        var buys = 0.0, sells = 0.0, wanted = 0.0
        for start in stride(from: 0, to: c.count, by: draws.count) {
            let end = min(start + draws.count, c.count)
            source.fill(UnsafeMutableBufferPointer(rebasing: draws[0..<(end - start)]))
            for i in start..<end {
                let u = UInt64(draws[i - start])  // the uniform times 2^32
                let noiseSide = 1 + 2 * (u < half ? 1 : 0) - (u < active ? 1 : 0)  // buy, sell each activity / 2
                let chosen = ((fixed | noiseSide) &>> (2 * Int(strategy[i].rawValue))) & 3
                let side = marked[i] ? 1 : chosen  // a position being liquidated sends no orders of its own
                let position = units[i] * p
                let equity = cash[i] + position - loan[i]
                let buy = buyFactor[side] * (f * max(leverage[i] * equity - position, 0))
                let sell = sellFactor[side] * (f * units[i])
                order[i] = buy - sell
                buys += buy
                sells += sell
                wanted += max(buy - cash[i], 0)
            }
        }
        return (buys, sells, wanted)
    }

    /// Scores each strategy's signal on the step's realised log return of the asset.
    public mutating func scoreStrategies(realisedReturn r: Double, memory: Double) {
        fitness.update(signals: signals, realisedReturn: r, memory: memory)
    }
}

