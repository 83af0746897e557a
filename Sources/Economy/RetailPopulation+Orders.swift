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
    /// change over the lookback) and the log `mispricing` log(anchor / price). Trend followers trade when
    /// the trend turns (its sign differs from `previousTrend`'s, yesterday's) and hold while it lasts: an
    /// order every day of a trend would be a flow that moves the price the same way day after day. A buy spends
    /// `trade_fraction` of the room to the leverage cap, `L x equity - position` (for an unlevered
    /// trader: its cash); a sell sells `trade_fraction` of the units. One uniform draw per trader.
    /// The borrowed part of all buys together is scaled down to fit `credit`, the exchange's unused
    /// lending capacity (the `order` column keeps the unscaled orders; `buyCash` and settlement apply
    /// `creditScale`). Traders marked for liquidation send no orders.
    public mutating func submitOrders(price p: Double, trend: Double, previousTrend: Double, mispricing: Double,
                                      credit: Double = .infinity, rules: RetailRules, stream: RandomStream) {
        let band = rules.fundamentalBand
        func sign(_ x: Double) -> Int { x > 0 ? 1 : (x < 0 ? -1 : 0) }
        let trendSignal = sign(trend), turned = trendSignal != sign(previousTrend)
        let valueSignal = mispricing > band ? 1 : (mispricing < -band ? -1 : 0)
        signals = [0, Double(trendSignal), Double(valueSignal)]
        let sides = OrderSides(trend: 1 + (turned ? trendSignal : 0), value: 1 + valueSignal,
                               activity: rules.noiseActivity)
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

    /// The loop of `submitOrders` over every trader, two at a time in SIMD lanes; returns the buys,
    /// the sells and the part of the buys beyond the buyers' cash.
    private static func orderPass(_ c: Columns, source: inout UniformSource, draws: UnsafeMutableBufferPointer<UInt32>,
                                  price p: Double, tradeFraction f: Double, sides: OrderSides) -> (Double, Double, Double) {
        OrderSides.buyFactors.withUnsafeBufferPointer { buyFactors in
            OrderSides.sellFactors.withUnsafeBufferPointer { sellFactors in
                let rule = OrderRule(price: p, tradeFraction: f, sides: sides, buyFactors: buyFactors, sellFactors: sellFactors)
                var sums = OrderSums()
                for start in stride(from: 0, to: c.count, by: draws.count) {
                    let end = min(start + draws.count, c.count), pairs = start + (end - start) & ~1
                    source.fill(UnsafeMutableBufferPointer(rebasing: draws[0..<(end - start)]))
                    for i in stride(from: start, to: pairs, by: 2) {
                        let side = rule.side(c, i, draw: draws[i - start]) + 3 * rule.side(c, i + 1, draw: draws[i - start + 1])
                        let order = rule.orders(cash: c.cash.pair(i), units: c.units.pair(i), loan: c.loan.pair(i),
                                                leverage: c.maxLeverage.pair(i), side: side, into: &sums)
                        c.order.setPair(i, order)
                    }
                    for i in pairs..<end {  // the last trader of an odd count, in both lanes, counted once
                        var one = OrderSums()
                        let order = rule.orders(cash: .init(repeating: c.cash[i]), units: .init(repeating: c.units[i]),
                                                loan: .init(repeating: c.loan[i]), leverage: .init(repeating: c.maxLeverage[i]),
                                                side: 4 * rule.side(c, i, draw: draws[i - start]), into: &one)
                        c.order[i] = order[0]
                        sums.add(lane: one)
                    }
                }
                return (sums.buys.sum(), sums.sells.sum(), sums.wanted.sum())
            }
        }
    }

    /// Scores each strategy's signal on the step's realised log return of the asset.
    public mutating func scoreStrategies(realisedReturn r: Double, memory: Double) {
        fitness.update(signals: signals, realisedReturn: r, memory: memory)
    }
}

