import Testing
@testable import Analysis

@Suite struct SeriesPieceTests {
    @Test func deepestFallCountsThePriceBeforeTheFirstStep() {
        let d = Drawdown(prices: [90, 120, 60, 100], initial: 100)
        #expect(zip(d.depth, [-0.1, 0, -0.5, 100.0 / 120 - 1]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(d.trough == 2 && d.deepest == -0.5)
    }

    @Test func aSaleIsCashReceivedAndItsFirstStepIsKept() throws {
        let rows = [["1", "3", "sovereign_fund", "crypto", "2", "200", "0"],
                    ["1", "4", "sovereign_fund", "crypto", "-5", "-450", "1"],
                    ["1", "5", "sovereign_fund", "crypto", "-1", "-80", "0"]].enumerated().map { RunGroups.Row(line: $0 + 2, fields: $1) }
        let layout = FlowStatistics.Layout(step: 1, sector: 2, asset: 3, netValue: 5, forcedUnits: 6)
        let columns = RunGroups.Columns(path: "flows.csv", header: ["run_id", "step", "sector", "asset", "net_units", "net_value", "forced_units"])
        let stats = try FlowStatistics.of(rows: rows, layout: layout, table: columns)
        let value = Dictionary(uniqueKeysWithValues: stats.map { ($0.name, $0.value) })
        #expect(value == ["net_value": -330, "sales_value": 530, "forced_units": 1, "first_sale_step": 4])
        #expect(Set(stats.map(\.subject)) == ["sovereign_fund/crypto"])
    }
}
