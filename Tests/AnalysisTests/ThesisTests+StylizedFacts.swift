import Foundation
import Output
import Stochastics
import TestSupport
import Testing

/// The baseline's prices move like real ones (docs/RESULTS.md, section 7), at test scale: 4 runs of ten
/// years with 2,000 traders. Each bound is the target widened by about two standard errors of a
/// median of 4 runs, from the spread over runs at full scale (8 runs, 10,000 traders), so a model that
/// meets the target fails here about one time in forty at most.
extension ThesisTests {
    @Test func theBaselinesPricesMoveLikeRealOnes() throws {
        let (rows, folder) = try analysed("stylized-facts", replications: 4, retail: 2000, burnIn: 20)
        func median(_ subject: String, _ metric: String, lag: String = "") -> Double {
            Statistics.quantile(Array(values(rows, subject, metric, lag: lag).values), 0.5)
        }
        // Crypto: runs' lag-1 autocorrelations spread with sd ~0.05 at full scale (so ~0.03 for a median of 4).
        #expect(abs(median("crypto", "acf_return", lag: "1")) < 0.1 + 0.06)
        // Excess kurtosis and Hill's index are noisy (sd ~4 and ~0.5 over runs): targets 3-30 and 2-5.
        let kurtosis = median("crypto", "excess_kurtosis"), hill = median("crypto", "hill_tail_index")
        #expect(kurtosis > 3 - 2 && kurtosis < 30, "excess kurtosis \(kurtosis)")
        #expect(hill > 2 - 0.3 && hill < 5 + 0.3, "Hill index \(hill)")
        // Volatility clusters: |r| autocorrelation at lag 10 above 0.1 (sd ~0.03 over runs).
        #expect(median("crypto", "acf_abs_return", lag: "10") > 0.1 - 0.05)
        let crypto = median("crypto", "volatility")
        #expect(crypto > 0.02 && crypto < 0.06, "crypto's daily volatility \(crypto)")
        // Equities: 0.8-2.5% a day (memory up to 3%), no lag-1 predictability (sd ~0.03 over runs).
        for (asset, high) in [("saas", 0.025), ("memory", 0.03)] {
            let vol = median(asset, "volatility")
            #expect(vol > 0.008 - 0.002 && vol < high, "\(asset)'s daily volatility \(vol)")
            #expect(abs(median(asset, "acf_return", lag: "1")) < 0.1 + 0.06, "\(asset)")
        }
        // The Treasury yield moves 3-10 bp a day; the credit spread never falls below 30 bp.
        let table = CSVReader.parse(try String(contentsOfFile: folder + "/timeseries.csv", encoding: .utf8))
        let header = table[0], run = header.firstIndex(of: "run_id")!, step = header.firstIndex(of: "step")!
        let yield = header.firstIndex(of: "yield_treasury")!, spread = header.firstIndex(of: "credit_spread")!
        var changes: [Double] = []
        for rows in Dictionary(grouping: table.dropFirst(), by: { $0[run] }).values {
            let kept = rows.filter { Int($0[step])! > 20 }
            let y = kept.map { Double($0[yield])! }
            changes.append(Statistics.sd(zip(y, y.dropFirst()).map { $1 - $0 }))
            #expect(kept.allSatisfy { Double($0[spread])! >= 0.003 }, "a spread below 30 bp")
        }
        let sd = Statistics.quantile(changes, 0.5)
        #expect(sd > 0.0003 && sd < 0.001, "the yield's daily change, sd \(sd)")
    }
}
