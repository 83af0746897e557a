import Config
import Economy
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Simulation

/// Real-money investors, the sector added as data (`Sources/Simulation/Sectors/RealMoney.swift`):
/// yield-elastic demand, a run that clears and conserves with them, and their effect on yields.
@Suite struct RealMoneyTests {
    func rules(_ overrides: [String]) throws -> Simulation.Rules {
        let parsed = try overrides.map { try Override.parse(commandLine: $0) }
        return try Simulation.Rules(try Experiment.load(Repository.experiment(), overrides: parsed))
    }

    /// Their demand for a bond is zero at the step-0 price (they hold their target), positive below it
    /// (a higher yield raises the target), negative above it, and falls as the price rises.
    @Test func demandIsYieldElastic() throws {
        let all = try rules(["real_money.count=2"])
        let own = all.sectors[RealMoney.type] as! RealMoney.Rules
        let assets = all.market.assets, b = assets.firstIndex { $0.name == "treasury" }!
        let p0 = assets.map(\.initialPrice)
        let market = MarketView(step: 1, assets: assets, prices: p0, initialPrices: p0, repoRate: 0.03, policyRate: 0.04,
                                outstanding: assets.map(\.supply), firstRound: true,
                                governmentBond: b, issuerLeverage: assets.map { _ in 0 }, initialIssuerLeverage: assets.map { _ in 0 })
        let sector = RealMoney(rules: own, market: market, stream: RandomStream(seed: Seed(1), generator: .taus2))
        let orders = sector.orders(asset: b, market: market, rules: own)
        #expect(orders.map(\.agent) == [0, 1])
        let q = orders[0].quantity
        #expect(abs(q(p0[b])) < 1e-9 * assets[b].supply)
        #expect(q(0.9 * p0[b]) > 0 && q(1.1 * p0[b]) < 0)
        let grid = stride(from: 0.5, through: 1.5, by: 0.05).map { q($0 * p0[b]) }
        #expect(zip(grid, grid.dropFirst()).allSatisfy { $0 >= $1 }, "demand falls as the price rises: \(grid)")
        #expect(sector.orders(asset: assets.firstIndex { $0.name == "crypto" }!, market: market, rules: own).isEmpty)
    }

    /// With investors on, every step clears and passes the stock-flow check (advance throws
    /// otherwise), they trade and appear in flows, and their columns carry their balances.
    @Test func aRunWithRealMoneyInvestorsConservesAndTheyTrade() throws {
        var traded = false, columns: [Double] = []
        try Run.execute(Scenario(base: try rules(["real_money.count=3", "run.steps=40"])), seed: 5) { record in
            traded = traded || record.flows.contains { $0.sector == RealMoney.type && $0.netUnits != 0 }
            columns = Array(record.sectorValues.prefix(RealMoney.columns.count))  // registered first
        }
        #expect(traded)
        #expect(columns.count == RealMoney.columns.count && columns.allSatisfy { $0 > 0 }, "\(columns)")
    }

    /// Their own cash flows come out of households' deposits, one for one (the stock-flow check passes on
    /// every step, or advance throws): against the same seed without them, after one step households hold
    /// count x net_inflow less in deposits. Within the step only hedge funds' payouts of profit also reach
    /// deposits and differ between the two runs, by far less than 1% of the flow; over 10 steps households'
    /// own rebalancing between deposits and money funds moves a few percent of it back.
    @Test func theirNetInflowComesOutOfHouseholdsDeposits() throws {
        func deposits(_ inflow: Double, steps: Int) throws -> Double {
            var last = 0.0
            let overrides = ["real_money.count=4", "run.steps=\(steps)", "real_money.net_inflow=\(inflow)"]
            try Run.execute(Scenario(base: try rules(overrides)), seed: 5) { last = $0.householdDeposits }
            return last
        }
        let once = try deposits(0, steps: 1) - deposits(25, steps: 1)
        #expect(abs(once - 100) < 1, "deposits moved \(once) in one step, expected 100")
        let ten = try deposits(0, steps: 10) - deposits(25, steps: 10)
        #expect(ten > 0.9 * 1000 && ten <= 1000, "deposits moved \(ten) in ten steps, expected a little under 1000")
    }

    /// Reported at the holding's line in the rule file.
    @Test func holdingsMustBeBonds() throws {
        let file = Repository.temporaryDirectory() + "/real_money.yaml"
        try String(contentsOfFile: Repository.path("Agents/real_money.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "holdings:\n", with: "holdings:\n  crypto: { share: 0.01 }\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let path = Repository.experiment(agents: ["real_money": file])
        let error = #expect(throws: ConfigErrors.self) { try Simulation.Rules(try Experiment.load(path)) }
        let line = Repository.line(of: "crypto:", in: file)
        #expect(error?.errors.map(\.description) == [
            "\(file):\(line): error: holdings.crypto: crypto is not a bond of the market (treasury, hyperscaler_bond)"])
    }

    /// Their step-0 holdings count with every other sector's: shares that would leave dealers short
    /// are a configuration error at the largest share's key, not a negative dealer inventory at step 1.
    @Test func theirStepZeroSharesMustLeaveDealersARest() throws {
        let path = Repository.experiment(extra: "  real_money.count: 3\n  real_money.holdings.treasury.share: 0.9")
        let error = #expect(throws: ConfigErrors.self) { try Simulation.Rules(try Experiment.load(path)) }
        let message = error?.errors.first?.description ?? ""
        #expect(message.hasPrefix("\(path):\(Repository.line(of: "real_money.holdings.treasury.share", in: path)): error: "
                                  + "real_money.holdings.treasury.share: the step-0 shares of treasury sum to"), "\(message)")
        _ = try rules(["real_money.count=3"])
    }

    /// They dampen a yield spike: in the exhausted-boom experiment (120 steps, 500 traders) the peak
    /// Treasury yield is lower with four investors than without, seed by seed. Measured with the CLI
    /// (seeds 1-5): -31, -43, -45, -38, -29 bp. A one-sided t test on 8 paired differences with t < -3
    /// (7 degrees of freedom: p < 0.01) fails if the effect is absent or of the other sign.
    @Test func theyDampenTheBoomsYieldSpike() throws {
        func peak(_ count: Int, seed: UInt64) throws -> Double {
            let overrides = try ["run.steps=120", "retail.count=500", "real_money.count=\(count)"].map { try Override.parse(commandLine: $0) }
            let experiment = try Experiment.load(Repository.path("Experiments/ai-capex-boom-exhausted.yaml"), overrides: overrides)
            var peak = -Double.infinity
            try Run.execute(try Scenario(experiment), seed: seed) { peak = max(peak, $0.governmentYield) }
            return peak
        }
        let d = try (1...8 as ClosedRange<UInt64>).map { try peak(4, seed: $0) - peak(0, seed: $0) }
        let se = Statistics.sd(d) / Double(d.count).squareRoot(), t = Statistics.mean(d) / se
        #expect(t < -3, "mean paired effect \(Statistics.mean(d)) +- \(2.36 * se) (95%), t = \(t), d = \(d)")
    }
}
