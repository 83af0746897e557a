import Foundation
import Economy
import Simulation

/// One market cleared with the default institutions' curves (hedge funds, dealers, retail buying):
/// Brent's method on excess demand, as each clearing round does for each market.
enum ClearingBench {
    static func run(_ world: World, _ method: Method, markets: Int) -> Timing {
        let rules = world.rules
        let signals = SignalInputs(assets: rules.market.assets, trend: world.prices.map { _ in 0.01 }, repoRate: world.repoRate,
                                   expectedRate: rules.centralBank.neutralRate)
        let curves: [DemandCurve] = world.hedgeFunds.enumerated().map { i, f in
            DemandCurve(.hedgeFund(i), f.demand(asset: 0, signals, prices: world.prices, haircut: world.haircuts[0],
                                                creditLine: 1e8, rules: rules.hedgeFund[f.strategy]))
        } + world.dealers.enumerated().map { i, d in
            DemandCurve(.dealer(i), d.demand(asset: 0, reference: 100, depthUnits: rules.dealer.depth * rules.market.assets[0].supply,
                                             prices: world.prices, haircuts: world.haircuts, budget: 1,
                                             rules: rules.dealer))
        } + [DemandCurve(.retailBuys) { 3e6 / $0 }]
        return method.time {
            for _ in 0..<markets {
                _ = try! Clearing.clear(curves, reference: 100, floor: 100 * exp(-0.5), ceiling: 100 * exp(0.5),
                                        tolerance: 1e-12)
            }
        }
    }
}
