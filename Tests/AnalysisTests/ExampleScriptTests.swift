import Batch
import Config
import Foundation
import Output
import TestSupport
import Testing

/// examples/paired_effects.py on a sweep: the boom's effect it prints is main minus the variant (the
/// negated `difference` of summary.csv), and it draws its chart. Runs when Python has pandas and
/// matplotlib (.ci/run installs them).
@Suite struct ExampleScriptTests {
    static let hasPackages = Python.has("pandas", "matplotlib")

    @Test(.enabled(if: hasPackages)) func thePairedEffectsExampleReadsASweep() throws {
        let experiment = try Experiment.load(Repository.experiment(steps: 20, retail: 150, extra: """
            replications: 3
            variants:
              no-boom: {events: []}
            events:
              - at: 5
                set: {hyperscaler.capex_growth: 1, ai_lab.commitment: 100}
            """))
        let dir = Repository.temporaryDirectory() + "/sweep"
        _ = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 4), into: SweepDirectory(dir), options: .init(jobs: 2))
        let chart = dir + "/effects.png"
        let result = Python.run(["examples/paired_effects.py", dir, "--metrics", "return_crypto", "yield_change", "--out", chart])
        #expect(result.status == 0, "\(result.output)")
        let png = FileManager.default.contents(atPath: chart) ?? Data()
        #expect(png.count > 1000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "a PNG was drawn")
        // The printed effect is minus summary.csv's paired difference.
        let rows = CSVReader.parse(try String(contentsOfFile: dir + "/summary.csv", encoding: .utf8))
        let header = rows[0], difference = try #require(rows.first {
            $0.count == header.count && $0[header.firstIndex(of: "statistic")!] == "difference"
                && $0[header.firstIndex(of: "metric")!] == "return_crypto"
        })
        let effect = -Double(difference[header.firstIndex(of: "mean")!])!
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("return_crypto") })
        let printed = Double(line.split(separator: " ", omittingEmptySubsequences: true)[4])!
        #expect(abs(printed - effect) <= 1e-3 * max(abs(effect), 1e-9), "printed \(printed), -difference \(effect)")
    }
}
