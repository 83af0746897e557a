import Dispatch
import Economy
import Simulation
import Stochastics

/// The retail phase alone: a step of the full trading rule for every trader of a population set up
/// as a run sets it up (lognormal cash, 5% levered 2-5x, strategies 30/20/50): margin interest,
/// maintenance checks, strategy switching, orders with the exchange's credit limit, liquidation
/// sales, settlement with loans, checks at the new price, scoring. Prices alternate +-3% so every
/// kind of trader trades.
struct RetailBench {
    let population: RetailPopulation
    let rules: RetailRules
    let steps: Int

    /// Bytes each trader's step reads or writes in the passes over all traders (the margin rules visit
    /// borrowers only, about 5%, and switching only the traders who reconsider): orders read strategy,
    /// mark, cash, units, loan and leverage and write the order (42); settlement reads order, mark,
    /// cash, units and loan and writes cash, units, loan and a borrower slot (61).
    static let bytesPerTraderStep = 42 + 61

    /// The whole phase, and the seconds each part took in all (margin: interest, checks, liquidations).
    func run(_ method: Method) -> (Timing, parts: [(String, Double)]) {
        var population = self.population
        let stream = RandomStream(seed: Seed(2))
        var parts: [(String, Double)] = [("margin", 0), ("switching", 0), ("orders", 0), ("settlement", 0)]
        func timed(_ part: Int, _ body: () -> Void) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            parts[part].1 += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        let timing = method.time {
            for s in 0..<steps {
                let up = s % 2 == 0, price = up ? 100.0 : 97
                timed(0) {
                    _ = population.payInterest(rate: 0.06 / 252)
                    _ = population.markLiquidations(price: price, maintenance: rules.maintenanceMargin)
                }
                timed(1) { try! population.switchStrategies(rules: rules, stream: stream) }
                timed(2) {
                    // previousTrend 0: the trend turns every step, so trend followers trade in every one.
                    population.submitOrders(price: price, trend: up ? 0.03 : -0.03, previousTrend: 0, mispricing: 0.05,
                                            credit: 1e8, rules: rules, stream: stream)
                }
                timed(0) { if population.markedCount > 0 { _ = population.settleLiquidations(price: price, fill: 1) } }
                timed(3) { _ = population.settle(price: price, buyFill: 0.9, sellFill: 0.9) }
                timed(0) { _ = population.markLiquidations(price: price, maintenance: rules.maintenanceMargin) }
                population.scoreStrategies(realisedReturn: up ? 0.03 : -0.03, memory: rules.profitMemory)
            }
        }
        let total = parts.reduce(0) { $0 + $1.1 }
        return (timing, parts.map { ($0.0, $0.1 / total) })
    }
}
