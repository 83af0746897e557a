import Stochastics

extension RetailPopulation {
    /// Each trader reconsiders its strategy with probability `switchRate`, choosing strategy k with
    /// probability proportional to exp(intensity x profitability_k) (Brock and Hommes 1998).
    public mutating func switchStrategies(rules: RetailRules, stream: RandomStream) throws {
        guard rules.switchRate > 0, count > 0 else { return }
        let choice = try DiscreteChoice(weights: fitness.weights(intensity: rules.switchIntensity))
        let rate = rules.switchRate
        var counts = strategyCounts
        strategy.withUnsafeMutableBufferPointer { strategy in
            stream.withUniforms { source in
                for i in strategy.indices where source.next() < rate {
                    let chosen = RetailStrategy(rawValue: UInt8(truncatingIfNeeded: choice.sample(&source)))!
                    counts[Int(strategy[i].rawValue)] -= 1
                    counts[Int(chosen.rawValue)] += 1
                    strategy[i] = chosen
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
    /// lending capacity. Traders marked for liquidation send no orders.
    public mutating func submitOrders(price p: Double, trend: Double, mispricing: Double,
                                      credit: Double = .infinity, rules: RetailRules, stream: RandomStream) {
        let band = rules.fundamentalBand
        let trendSignal: Double = trend > 0 ? 1 : (trend < 0 ? -1 : 0)
        let valueSignal: Double = mispricing > band ? 1 : (mispricing < -band ? -1 : 0)
        signals = [0, trendSignal, valueSignal]
        let f = rules.tradeFraction, activity = rules.noiseActivity, half = rules.noiseActivity / 2
        var buys = 0.0, sells = 0.0, wanted = 0.0
        withColumns { c in
            stream.withUniforms { source in
                for i in 0..<c.count {
                    let u = source.next()
                    let direction: Double
                    switch c.strategy[i] {
                    case .noise: direction = u < activity ? (u < half ? 1 : -1) : 0
                    case .trend: direction = trendSignal
                    case .fundamental: direction = valueSignal
                    }
                    let position = c.units[i] * p
                    let equity = c.cash[i] + position - c.loan[i]
                    let free = !c.marked[i]  // a position being liquidated sends no orders of its own
                    let buy = free && direction > 0 ? f * max(c.maxLeverage[i] * equity - position, 0) : 0
                    let sell = free && direction < 0 ? f * c.units[i] : 0
                    c.order[i] = buy > 0 ? buy : (sell > 0 ? -sell : 0)
                    buys += buy
                    sells += sell
                    wanted += max(buy - c.cash[i], 0)
                }
            }
        }
        totalSellUnits = sells
        totalBuyCash = buys
        guard wanted > credit else { return }
        let scale = max(credit, 0) / wanted
        buys = 0
        withColumns { c in
            for i in 0..<c.count {
                if c.order[i] > max(c.cash[i], 0) { c.order[i] = c.cash[i] + (c.order[i] - c.cash[i]) * scale }
                buys += max(c.order[i], 0)
            }
        }
        totalBuyCash = buys
    }

    /// Scores each strategy's signal on the step's realised log return of the asset.
    public mutating func scoreStrategies(realisedReturn r: Double, memory: Double) {
        fitness.update(signals: signals, realisedReturn: r, memory: memory)
    }
}
