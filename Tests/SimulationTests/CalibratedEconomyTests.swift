import Config
import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Simulation

/// The economy in US$ billions behaves as its calibration says it should, by behaviour alone: bonds are
/// issued only when capex outruns cash flow, idle cash is drained by deficits and run-off, saving flows
/// into money funds, the credit spread stays positive and a hawkish central bank follows a rule, not a
/// path. (That the baseline holds its level is tested on a sweep: `ThesisTests`.)
@Suite struct CalibratedEconomyTests {
    /// Every record of one run of `file` (its events included) at test scale.
    func records(_ file: String, seed: UInt64, _ overrides: [String] = []) throws -> [StepRecord] {
        let parsed = try (["retail.count=300"] + overrides).map { try Override.parse(commandLine: $0) }
        var all: [StepRecord] = []
        try Run.execute(try Scenario(try Experiment.load(file, overrides: parsed)), seed: seed) { all.append($0) }
        return all
    }

    func baseline(seed: UInt64, steps: Int, _ overrides: [String] = []) throws -> [StepRecord] {
        try records(Repository.path("Experiments/baseline.yaml"), seed: seed, ["run.steps=\(steps)"] + overrides)
    }

    @Test func hyperscalersIssueBondsWhenCapexOutrunsCashFlowAndNotOtherwise() throws {
        // Capex plans growing 2 log points a year from step 1 pass operating cash flow (603 $bn a year)
        // after about 60 steps and use up the firms' cash above buffer and Treasuries (~260 $bn) by
        // about step 210 (seed 1, with the CLI): then they must issue. In the baseline capex stays at 378 $bn a year, below
        // cash flow. Each seed must show it (the sign is the waterfall's, not a statistic).
        for seed in 1...3 as ClosedRange<UInt64> {
            let boom = try baseline(seed: seed, steps: 250, ["hyperscaler.capex_growth=2"])
            let calm = try baseline(seed: seed, steps: 250)
            let capex = { (r: [StepRecord]) in r.reduce(0) { $0 + $1.capex } }
            let cashFlow = { (r: [StepRecord]) in r.reduce(0) { $0 + $1.hyperscalerCashFlow } }
            let issued = { (r: [StepRecord]) in r.reduce(0) { $0 + $1.hyperscalerBondsIssued } }
            #expect(capex(boom) > cashFlow(boom) && issued(boom) > 0, "seed \(seed): the boom outruns cash flow and borrows")
            #expect(capex(calm) < cashFlow(calm) && issued(calm) == 0, "seed \(seed): the baseline funds capex from cash flow")
        }
    }

    @Test func idleCashFallsWithDeficitsAndRunOffAndMoneyFundsGrowWithSaving() throws {
        // With 2.5 $tn more in money funds than at end-2025 (idle at the reverse repo, as in 2022) and
        // the policy rate held (no reaction), on common random numbers over 120 steps: 20 $bn a day more
        // spending (auctions the funds absorb) and QT run-off of 5% a year (the government refinances
        // what the bank lets mature) each leave less idle cash; households spending less of their income
        // buy more money-fund shares. Measured with the CLI on seeds 1-4: deficit -24 to -493 $bn, run-off
        // -83 to -406 $bn, saving +36 to +75 $bn of fund assets; each seed must show the sign.
        let fixed = ["money_fund.cash=2040", "central_bank.inflation_weight=0", "central_bank.gap_weight=0"]
        for seed in 1...4 as ClosedRange<UInt64> {
            let base = try baseline(seed: seed, steps: 120, fixed).last!
            let deficit = try baseline(seed: seed, steps: 120, fixed + ["government.spending=43.96"]).last!
            let runOff = try baseline(seed: seed, steps: 120, fixed + ["central_bank.qe_rate=-0.05"]).last!
            let saving = try baseline(seed: seed, steps: 120, fixed + ["household.income_propensity=0.6"]).last!
            #expect(deficit.dryPowder < base.dryPowder, "seed \(seed): deficits drain idle cash")
            #expect(runOff.dryPowder < base.dryPowder, "seed \(seed): run-off drains idle cash")
            #expect(saving.moneyFundShares > base.moneyFundShares, "seed \(seed): saving flows into money funds")
        }
    }

    @Test(arguments: ["ai-capex-boom", "ai-capex-boom-exhausted", "baseline", "central-bank", "dry-powder-sweep",
                      "hawkish-chair", "leverage", "margin-squeeze", "qe-backstop", "regime-switch", "seed-crash",
                      "sell-order", "stylized-facts"])
    func theCreditSpreadIsPositiveAtEveryStep(experiment: String) throws {
        // The main variant of every shipped experiment (its events, at its first sweep point), for at most
        // two years; the counterfactual variants only remove events.
        let path = Repository.path("Experiments/\(experiment).yaml")
        let steps = min(try Rules(try Experiment.load(path)).run.steps, 504)
        let run = try records(path, seed: 11, ["run.steps=\(steps)"])
        let lowest = run.map(\.creditSpread).min()!
        #expect(lowest > 0, "\(experiment): the spread fell to \(lowest)")
    }

    @Test func aHawkishChairFollowsARuleWhosePathDiffersAcrossSeeds() throws {
        // The hawk reacts to the inflation and output gap each economy produces: three seeds, three
        // policy paths. The boom's spending plan is the same on every seed, so they stay close: measured
        // with the CLI at this scale, at most 2.7 to 6.0 bp apart over the two years; each pair must be
        // more than 1 bp apart somewhere (rounding is 1e-15).
        let path = Repository.path("Experiments/hawkish-chair.yaml")
        let paths = try (1...3 as ClosedRange<UInt64>).map { try records(path, seed: $0).map(\.policyRate) }
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let gap = zip(paths[a], paths[b]).map { abs($0 - $1) }.max()!
            #expect(gap > 1e-4, "seeds \(a + 1) and \(b + 1) differ by at most \(gap)")
        }
    }
}
