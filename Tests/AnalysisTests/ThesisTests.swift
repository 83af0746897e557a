import Config
import Foundation
import Output
import Stochastics
import TestSupport
import Testing
import Batch
@testable import Analysis

/// The effects docs/RESULTS.md claims, each tested over seeds on the shipped experiment at a smaller
/// scale (fewer retail traders and replications). Each test states its tolerance: a 95% interval
/// over independent seeds that must exclude zero, so a claim that is false at this scale fails about
/// one time in forty at most, and the effects claimed sit many interval widths from zero at the
/// scale of RESULTS.md. A failure is never a value: statistics come from runs that ended ok, or,
/// in a run whose markets failed to clear, from the steps before its first failure.
@Suite(.serialized) struct ThesisTests {
    /// One row of analysis/statistics.csv.
    struct Row { let run: Int, point: Int, replication: Int, variant: String, status: String, subject: String, metric: String, lag: String, value: Double }

    /// Runs a shipped experiment as a sweep at test scale and returns its analysed statistics.
    func analyse(_ name: String, replications: Int, retail: Int, replacing: [(String, String)] = [], burnIn: Int = 0) throws -> [Row] {
        let file = Repository.shippedExperiment(name, replications: replications, replacing: replacing)
        let experiment = try Experiment.load(file, overrides: [try Override.parse(commandLine: "retail.count=\(retail)")])
        let out = Repository.temporaryDirectory() + "/sweep"
        let context = try BatchContext(experiment: experiment, masterSeed: 2026)  // any master seed: the claims hold over seeds
        _ = try Sweep.run(context, into: SweepDirectory(out), options: .init(jobs: 2))
        _ = try Analysis.run(directory: out, out: out + "/analysis", settings: AnalysisSettings(burnIn: burnIn))
        let rows = CSVReader.parse(try String(contentsOfFile: out + "/analysis/statistics.csv", encoding: .utf8)).dropFirst()
        return rows.map { Row(run: Int($0[0])!, point: Int($0[1])!, replication: Int($0[2])!, variant: $0[3], status: $0[4],
                              subject: $0[5], metric: $0[6], lag: $0[7], value: Double($0[8])!) }
    }

    /// A statistic per replication, of the runs with one of `statuses` (ok only, unless said).
    func values(_ rows: [Row], point: Int = 1, variant: String = "main", _ subject: String, _ metric: String, lag: String = "",
                statuses: Set<String> = ["ok"]) -> [Int: Double] {
        Dictionary(uniqueKeysWithValues: rows.filter {
            $0.point == point && $0.variant == variant && $0.subject == subject && $0.metric == metric && $0.lag == lag
                && statuses.contains($0.status)
        }.map { ($0.replication, $0.value) })
    }

    /// Runs per point whose markets failed to clear, and runs in all.
    func failures(_ rows: [Row], point: Int) -> (failed: Int, runs: Int) {
        let runs = Dictionary(rows.filter { $0.point == point }.map { ($0.run, $0.status) }, uniquingKeysWith: { a, _ in a })
        return (runs.values.filter { $0 == "failed_to_clear" }.count, runs.count)
    }

    /// `variant - main` per replication (the same seed), in replication order.
    func pairedDifferences(_ rows: [Row], point: Int = 1, variant: String, _ subject: String, _ metric: String) -> [Double] {
        let main = values(rows, point: point, subject, metric), other = values(rows, point: point, variant: variant, subject, metric)
        return main.keys.sorted().compactMap { r in other[r].map { $0 - main[r]! } }
    }

    /// The 95% interval of the mean of `variant - main`, paired on the replication (the same seed).
    func pairedInterval(_ rows: [Row], point: Int = 1, variant: String, _ subject: String, _ metric: String) -> (mean: Double, low: Double, high: Double) {
        let s = Statistics.meanInterval(pairedDifferences(rows, point: point, variant: variant, subject, metric))
        return (s.mean, s.low, s.high)
    }

    /// Welch's 95% interval for mean(a) - mean(b), independent samples of unequal variance.
    func welchInterval(_ a: [Double], _ b: [Double]) -> (low: Double, high: Double) {
        let (va, vb) = (Statistics.variance(a) / Double(a.count), Statistics.variance(b) / Double(b.count))
        let dof = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        let half = Statistics.studentTQuantile(0.975, dof: dof) * (va + vb).squareRoot()
        let d = Statistics.mean(a) - Statistics.mean(b)
        return (d - half, d + half)
    }

    @Test func theBoomRaisesTheYieldAndTheSpreadWhateverTheDryPowderAndMemoryBeatsSaaS() throws {
        // Dry powder at end-2025 (point 1) and with 7.5 $tn more in money funds, out of households'
        // deposits (point 2). Boom minus no-boom, paired on the seed (full scale, docs/RESULTS.md: peak
        // yield +34 and +52 bp, peak spread +131 and +130 bp): the boom raises the Treasury yield and the
        // credit spread at both (95% intervals exclude zero; more dry powder does not mute the yield's
        // rise, the thesis's regime switch does not appear), and memory's return beats SaaS's.
        let rows = try analyse("dry-powder-sweep", replications: 4, retail: 300, replacing: [
            ("[1540, 2040, 3040]", "[1540, 3040]")])
        for point in 1...2 {
            for metric in ["peak_yield_rise", "peak_spread_rise"] {
                let effect = pairedInterval(rows, point: point, variant: "no-boom", "run", metric)
                #expect(effect.high < 0, "point \(point): no-boom minus boom of \(metric): \(effect)")
            }
            let memory = pairedDifferences(rows, point: point, variant: "no-boom", "run", "return_memory")
            let saas = pairedDifferences(rows, point: point, variant: "no-boom", "run", "return_saas")
            let gap = Statistics.meanInterval(zip(saas, memory).map { $0 - $1 })   // (boom effect on memory) - (on saas)
            #expect(gap.low > 0, "point \(point): memory beats SaaS under the boom: \(gap)")
        }
    }

    @Test func aBackstopMutesTheYieldRiseAndAHawkAmplifiesIt() throws {
        // Paired on the seed against the passive bank: QE with a backstop lowers the peak yield rise
        // (full scale -44 bp), a hawkish rule with QT run-off raises it (+27 bp); 95% intervals over
        // 5 pairs must exclude zero.
        let rows = try analyse("central-bank", replications: 5, retail: 300)
        let qe = pairedInterval(rows, variant: "qe-backstop", "run", "peak_yield_rise")
        #expect(qe.high < 0, "QE and the backstop lower the peak yield rise: \(qe)")
        let hawk = pairedInterval(rows, variant: "hawkish", "run", "peak_yield_rise")
        #expect(hawk.low > 0, "the hawk raises it: \(hawk)")
    }

    @Test func leverageFattensCryptosTails() throws {
        // Point 1: every limit 1 (no borrowing); point 2: limit 16. Full scale: excess kurtosis of crypto's
        // daily returns -0.89 (95% CI -1.03 to -0.74) without leverage, 4.46 (3.70 to 5.21) at 16, and no market
        // fails to clear at any limit. Welch's 95% interval for the difference must exclude zero.
        let rows = try analyse("leverage", replications: 6, retail: 2000, replacing: [
            ("[1, 2, 4, 8, 16]    #", "[1, 16]    #"), ("[1, 2, 4, 8, 16]   #", "[1, 16]   #"), ("[1, 2, 4, 8, 16]                  #", "[1, 16]                  #")],
            burnIn: 20)
        let (unlevered, levered) = (failures(rows, point: 1), failures(rows, point: 2))
        #expect(unlevered.failed == 0 && levered.failed == 0, "every market clears: \(unlevered), \(levered)")
        let kurtosis = welchInterval(Array(values(rows, point: 2, "crypto", "excess_kurtosis").values),
                                     Array(values(rows, point: 1, "crypto", "excess_kurtosis").values))
        #expect(kurtosis.low > 0, "leverage 16 minus none: \(kurtosis)")
    }

    @Test func theBaselineHoldsItsLevel() throws {
        // 20 seeds x 504 steps with 2,000 traders, after 20 steps of burn-in: the median over seeds of
        // |log change| of every price stays under 0.10 and of the Treasury yield under 50 bp. Measured
        // in release at this scale on two master seeds: crypto 0.036-0.051, Treasury 0.048, SaaS
        // 0.033-0.035, the others under 0.01, the yield 21 bp.
        let file = Repository.shippedExperiment("baseline", replications: 20, replacing: [("steps: 252", "steps: 504"),
                                                                                          ("events: []", "events: []\nreplications: 20")])
        let experiment = try Experiment.load(file, overrides: [try Override.parse(commandLine: "retail.count=2000")])
        let out = Repository.temporaryDirectory() + "/sweep"
        _ = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 2026), into: SweepDirectory(out), options: .init(jobs: 2))
        let table = CSVReader.parse(try String(contentsOfFile: out + "/timeseries.csv", encoding: .utf8))
        let header = table[0], runColumn = header.firstIndex(of: "run_id")!, stepColumn = header.firstIndex(of: "step")!
        let columns = header.indices.filter { header[$0].hasPrefix("price_") || header[$0] == "yield_treasury" }
        var moves: [String: [Double]] = [:]
        let runs = Dictionary(grouping: table.dropFirst(), by: { $0[runColumn] })
        #expect(runs.count == 20)
        for rows in runs.values {
            let start = rows.first { $0[stepColumn] == "20" }!, end = rows.last!
            for c in columns {
                let (a, b) = (Double(start[c])!, Double(end[c])!)
                moves[header[c], default: []].append(header[c] == "yield_treasury" ? abs(b - a) : abs(log(b / a)))
            }
        }
        for (name, values) in moves {
            let median = Statistics.quantile(values, 0.5)
            #expect(median < (name == "yield_treasury" ? 0.005 : 0.10), "\(name): median move \(median)")
        }
    }

    @Test func inTheSeedCrashCryptoFallsFirstAndMemoryLast() throws {
        // The step each asset first stands 10% below its running peak: crypto's comes first in every
        // run (at full scale step 36, with or without the boom: it is crypto's own swings), then SaaS's
        // before memory's when memory falls at all. Read in the steps before any failure to clear.
        let rows = try analyse("seed-crash", replications: 6, retail: 1000)
        let ran: Set<String> = ["ok", "failed_to_clear"]
        let failure = values(rows, "all", "first_uncleared_step", statuses: ["failed_to_clear"])
        let crypto = values(rows, "crypto", "first_drawdown_step", statuses: ran)
        for later in ["saas", "memory"] {
            let other = values(rows, later, "first_drawdown_step", statuses: ran)
            for (r, step) in crypto where step < failure[r] ?? .infinity {
                #expect(other[r].map { $0 > step } ?? true, "run \(r): \(later) fell 10% at \(other[r]!) before crypto at \(step)")
            }
        }
        let saas = values(rows, "saas", "first_drawdown_step", statuses: ran), memory = values(rows, "memory", "first_drawdown_step", statuses: ran)
        for (r, step) in memory { #expect(saas[r].map { $0 < step } ?? false, "run \(r): memory fell before SaaS") }
    }

    @Test func sovereignFundsSellInTheirConfiguredOrder() throws {
        let rows = try analyse("sell-order", replications: 4, retail: 300)
        // Conviction alone: the list's order (crypto, stakes, saas, hyperscaler bond, memory, treasury) in
        // every run, among the holdings it came to sell.
        for r in 1...4 {
            let first = ["crypto", "saas", "memory", "treasury"].compactMap { values(rows, "sovereign_fund/\($0)", "first_sale_step")[r] }
            #expect(first == first.sorted() && !first.isEmpty, "run \(r): first sales \(first)")
        }
        // By price impact it sells SaaS sooner than by conviction; calls (vs no boom) bring redemptions.
        let saas = pairedInterval(rows, variant: "liquidity", "sovereign_fund/saas", "first_sale_step")
        #expect(saas.high < 0, "\(saas)")
        let redemptions = pairedInterval(rows, variant: "no-boom", "all", "redemptions_paid")
        #expect(redemptions.high < 0, "capital calls make sovereign funds redeem hedge-fund stakes: \(redemptions)")
    }
}
