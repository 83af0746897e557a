import Foundation
import Output

/// The headline figures of one run folder (from `drypowder run`), read back from its timeseries.csv
/// and manifest.json: what `drypowder compare` sets side by side.
public struct RunFigures {
    public struct Figure {
        public let name: String
        public let unit: String
        public let value: Double
    }

    public let folder: String
    public let status: String
    public let steps: Int
    public let figures: [Figure]

    public init(folder: String) throws {
        self.folder = folder
        let manifestPath = folder + "/manifest.json", tablePath = folder + "/timeseries.csv"
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw AnalysisError.directory(folder, "not a finished run (no manifest.json): compare takes two run folders "
                                          + "from `drypowder run`")
        }
        let manifest: [String: Any]
        do { manifest = try ManifestFile.object(manifestPath) } catch let failure as ManifestFile.Failure {
            throw AnalysisError.table(failure.path, failure.why)
        }
        guard manifest["runs"] == nil, FileManager.default.fileExists(atPath: tablePath) else {
            throw AnalysisError.directory(folder, "is a sweep folder; compare takes two run folders from `drypowder run` "
                                          + "(a sweep's points: `drypowder analyze`, statistics_summary.csv)")
        }
        status = manifest["status"] as? String ?? "unknown"
        let bond = ((((manifest["config"] as? [String: Any])?["agents"] as? [String: Any])?["government"]
            as? [String: Any])?["rules"] as? [String: Any])?["bond"] as? String
        let rows = CSVReader.parse(try String(contentsOfFile: tablePath, encoding: .utf8))
        guard let header = rows.first, rows.count > 1 else { throw AnalysisError.table(tablePath, "has no rows") }
        func column(_ name: String) throws -> [Double] {
            guard let c = header.firstIndex(of: name) else { throw AnalysisError.table(tablePath, "has no column \(name)") }
            return try rows.dropFirst().enumerated().map { r, row in
                guard c < row.count, let x = Double(row[c]) else {
                    throw AnalysisError.table(tablePath, "row \(r + 2), column \(name): expected a number")
                }
                return x
            }
        }
        steps = rows.count - 1
        var figures: [Figure] = []
        for name in header where name.hasPrefix("price_") {
            let asset = String(name.dropFirst("price_".count))
            let prices = try column(name), returns = try column("log_return_" + asset)
            let first = prices[0] / exp(returns[0])
            var peak = first, drawdown = 0.0
            for p in prices { peak = max(peak, p); drawdown = min(drawdown, p / peak - 1) }
            figures += [Figure(name: "return_\(asset)", unit: "%", value: 100 * (prices[prices.count - 1] / first - 1)),
                        Figure(name: "max_drawdown_\(asset)", unit: "%", value: 100 * drawdown),
                        Figure(name: "worst_day_\(asset)", unit: "%", value: 100 * (exp(returns.min()!) - 1))]
        }
        if let bond {
            let yields = try column("yield_" + bond)
            figures.append(Figure(name: "yield_change", unit: "bp", value: 1e4 * (yields[yields.count - 1] - yields[0])))
            figures.append(Figure(name: "peak_yield_rise", unit: "bp", value: 1e4 * (yields.max()! - yields[0])))
        }
        let spreads = try column("credit_spread")
        figures.append(Figure(name: "spread_change", unit: "bp", value: 1e4 * (spreads[spreads.count - 1] - spreads[0])))
        figures.append(Figure(name: "liquidation_value", unit: "$bn", value: try column("liquidation_value").reduce(0, +)))
        self.figures = figures
    }

    /// Two runs side by side: each figure in both and B - A, as aligned text.
    public static func table(_ a: RunFigures, _ b: RunFigures) -> String {
        let names = a.figures.map(\.name).filter { name in b.figures.contains { $0.name == name } }
        var rows = [["figure", "A", "B", "B - A"], ["status", a.status, b.status, ""],
                    ["steps", String(a.steps), String(b.steps), String(b.steps - a.steps)]]
        for name in names {
            let x = a.figures.first { $0.name == name }!, y = b.figures.first { $0.name == name }!
            func text(_ v: Double) -> String { x.unit == "$bn" ? String(format: "%.4g", v) : String(format: "%+.1f", v) }
            rows.append(["\(name) (\(x.unit))", text(x.value), text(y.value), text(y.value - x.value)])
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max()! }
        let lines = rows.map { row in
            row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return (["A: \(a.folder)", "B: \(b.folder)"] + lines).joined(separator: "\n")
    }
}
