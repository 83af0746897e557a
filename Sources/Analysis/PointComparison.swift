import Foundation
import Stochastics

/// Two sweep points (`DIR#POINT`, or `DIR#POINT:VARIANT`; variant main when absent) compared metric by
/// metric from runs.csv: each side's mean over its ok runs, B - A, and a 95% interval for it. The interval
/// is paired (Student's t on the per-seed differences) when both sides ran on the same seeds, as a point's
/// variants do and a `seeds: shared` sweep's points do (common random numbers); else Welch's.
public struct PointComparison {
    public struct Side: Sendable {
        public let directory: String, point: String, variant: String
        public var label: String { "\(directory)#\(point)" + (variant == "main" ? "" : ":\(variant)") }

        /// `DIR#POINT[:VARIANT]`, or nil for another kind of argument (a run folder).
        public init?(_ text: String) {
            guard let hash = text.lastIndex(of: "#") else { return nil }
            let spec = text[text.index(after: hash)...].split(separator: ":", maxSplits: 1).map(String.init)
            guard let point = spec.first, Int(point) != nil else { return nil }
            (directory, self.point, variant) = (String(text[..<hash]), point, spec.count > 1 ? spec[1] : "main")
        }
    }

    public struct Row: Sendable {
        public let metric: String
        public let a: (n: Int, mean: Double), b: (n: Int, mean: Double)
        public let difference: Double, low: Double, high: Double
    }

    public let a: Side, b: Side
    /// Whether the sides ran on the same seeds, so that the interval is paired.
    public let paired: Bool
    public let rows: [Row]

    public init(_ a: Side, _ b: Side) throws {
        let (runsA, runsB) = (try Self.runs(a), try Self.runs(b))
        guard runsA.table.metrics == runsB.table.metrics else {
            throw AnalysisError.directory(b.directory, "its runs.csv has other metrics than \(a.directory)'s: another model")
        }
        let seedsA = runsA.rows.map(\.seed), seedsB = runsB.rows.map(\.seed)
        let paired = Set(seedsA) == Set(seedsB) && Set(seedsA).count == seedsA.count && seedsA.count == seedsB.count
        (self.a, self.b, self.paired) = (a, b, paired)
        rows = runsA.table.metrics.indices.compactMap { m in
            let xs = runsA.rows.map { $0.metrics[m] }, ys = runsB.rows.map { $0.metrics[m] }
            guard !xs.isEmpty, !ys.isEmpty else { return nil }
            let (meanA, meanB) = (Statistics.mean(xs), Statistics.mean(ys))
            let interval: (low: Double, high: Double)
            if paired {
                let byseed = Dictionary(uniqueKeysWithValues: zip(seedsB, ys))
                let d = Statistics.meanInterval(zip(seedsA, xs).map { byseed[$0]! - $1 })
                interval = (d.low, d.high)
            } else {
                interval = Self.welch(xs, ys)
            }
            return Row(metric: runsA.table.metrics[m], a: (xs.count, meanA), b: (ys.count, meanB),
                       difference: meanB - meanA, low: interval.low, high: interval.high)
        }
    }

    /// Welch's 95% interval for mean(ys) - mean(xs) (NaN with fewer than two runs a side).
    static func welch(_ xs: [Double], _ ys: [Double]) -> (low: Double, high: Double) {
        guard xs.count > 1, ys.count > 1 else { return (.nan, .nan) }
        let (va, vb) = (Statistics.variance(xs) / Double(xs.count), Statistics.variance(ys) / Double(ys.count))
        let se = (va + vb).squareRoot(), d = Statistics.mean(ys) - Statistics.mean(xs)
        guard se > 0 else { return (d, d) }
        let dof = pow(va + vb, 2) / (va * va / Double(xs.count - 1) + vb * vb / Double(ys.count - 1))
        let half = Statistics.studentTQuantile(0.975, dof: dof) * se
        return (d - half, d + half)
    }

    /// A side's ok runs (those that ran to the end), from its sweep's runs.csv.
    private static func runs(_ side: Side) throws -> (table: RunsTable, rows: [RunsTable.Row]) {
        let sweep = try SweepTables(side.directory)
        let table = try RunsTable(path: sweep.path("runs.csv"), expected: try sweep.digest("runs.csv"))
        let here = table.rows.filter { $0.point == side.point && $0.variant == side.variant }
        guard !here.isEmpty else {
            let variants = Set(table.rows.map(\.variant)).sorted().joined(separator: ", ")
            throw AnalysisError.directory(side.directory, "has no runs at point \(side.point), variant \(side.variant) "
                                          + "(points 1 to \(Set(table.rows.map(\.point)).count); variants \(variants))")
        }
        return (table, here.filter { $0.status == .ok })
    }

    /// The comparison as a table for people: metric, A, B, B - A with its interval, and the runs behind each.
    public var text: String {
        let kind = paired ? "paired on the same seeds" : "Welch's (the two sides' ok runs are not on the same seeds)"
        var lines = ["A: \(a.label)", "B: \(b.label)", "B - A with its 95% interval, \(kind)", ""]
        let header = ["metric", "A", "B", "B - A", "95% interval", "runs A", "runs B"]
        let cells = rows.map { r in
            [r.metric, Self.number(r.a.mean), Self.number(r.b.mean), Self.number(r.difference),
             r.low.isNaN ? "-" : "[\(Self.number(r.low)), \(Self.number(r.high))]", String(r.a.n), String(r.b.n)]
        }
        let widths = header.indices.map { c in ([header] + cells).map { $0[c].count }.max()! }
        for row in [header] + cells {
            lines.append(zip(row, widths).enumerated().map { c, cell in
                c == 0 ? cell.0.padding(toLength: cell.1, withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: cell.1 - cell.0.count) + cell.0
            }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    private static func number(_ x: Double) -> String { x.isNaN ? "-" : String(format: "%.4g", x) }
}
