import Batch
import Config
import Foundation
import Output
import Stochastics
import TestSupport
import Testing
@testable import Analysis

/// `drypowder report`: the fans are the per-step percentiles of the runs in timeseries.csv, the effects
/// summary.csv's paired differences; and the page loads in headless Chromium without a console message,
/// drawing every chart.
@Suite struct ReportTests {
    func sweep() throws -> String {
        let experiment = try Experiment.load(Repository.experiment(steps: 15, retail: 150, extra: """
            replications: 5
            variants:
              no-boom: {events: []}
            events:
              - at: 3
                set: {hyperscaler.capex_growth: 1}
            """))
        let out = Repository.temporaryDirectory() + "/sweep"
        _ = try Sweep.run(try BatchContext(experiment: experiment, masterSeed: 8), into: SweepDirectory(out), options: .init(jobs: 2))
        return out
    }

    @Test func fansAreThePercentilesOfTheRuns() throws {
        let dir = try sweep()
        let report = try Report(directory: dir)
        #expect(report.charts.map(\.column) == Report.columns.map(\.column))
        let crypto = try #require(report.charts.first { $0.column == "price_crypto" })
        #expect(crypto.fans.map(\.variant) == ["main", "no-boom"] && crypto.fans.allSatisfy { $0.runs == 5 && $0.steps.count == 15 })
        // Step 7 of no-boom, recomputed from the table.
        let rows = CSVReader.parse(try String(contentsOfFile: dir + "/timeseries.csv", encoding: .utf8)).filter { $0.count > 1 }
        let h = rows[0]
        let values = rows.dropFirst().filter { $0[h.firstIndex(of: "variant")!] == "no-boom" && $0[h.firstIndex(of: "step")!] == "7" }
            .map { Double($0[h.firstIndex(of: "price_crypto")!])! }
        let q = Statistics.quantiles(values, [0.1, 0.5, 0.9])
        let fan = crypto.fans[1]
        #expect(values.count == 5 && [fan.low[6], fan.median[6], fan.high[6]] == q)
        #expect(report.effects.count > 0 && report.effects.allSatisfy { $0.variant == "no-boom" && $0.n == 5 })
        #expect(report.provenance.contains { $0.0 == "master_seed" && $0.1 == "8" })
        #expect(Report.escape("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;", "text is escaped for HTML")
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Opens the page in headless Chromium (installed by `make test` when missing): the page's own script
    /// counts the charts the browser drew into `data-charts`; the console stays silent. The screenshot is
    /// left in the test's temporary folder (never in git).
    @Test(.enabled(if: chromium != nil)) func thePageLoadsInAHeadlessBrowserAndDrawsEveryChart() throws {
        let dir = try sweep()
        let report = try Report(directory: dir)
        let page = Repository.temporaryDirectory() + "/report.html"
        try report.html.write(toFile: page, atomically: true, encoding: .utf8)
        func browse(_ arguments: [String]) throws -> (dom: String, log: String) {
            let process = Process(), out = Pipe(), err = Pipe()
            process.executableURL = URL(fileURLWithPath: Self.chromium!)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"]
                + arguments + ["file://" + page]
            (process.standardOutput, process.standardError) = (out, err)
            try process.run()
            let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (dom, log)
        }
        let (dom, log) = try browse(["--dump-dom"])
        #expect(dom.contains("data-charts=\"\(report.charts.count)\"") && report.charts.count == 6, "\(dom.prefix(300))")
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "\(console)")
        let shot = PathText.directory(of: page) + "/report.png"
        _ = try browse(["--screenshot=\(shot)", "--window-size=1100,2600", "--hide-scrollbars"])
        #expect((FileManager.default.contents(atPath: shot)?.count ?? 0) > 10_000, "a screenshot was taken")
    }
}
