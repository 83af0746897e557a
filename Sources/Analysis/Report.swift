import Foundation
import Output
import Stochastics

/// What `drypowder report DIR` shows of a run folder or a finished sweep folder: fan charts of the paths
/// (per point and variant, the median and 10-90% band over replications at each step), each variant's
/// paired effects, the runs that failed, halted or left a dealer insolvent, and the provenance.
public struct Report {
    /// One chart: a timeseries column over steps, one fan per (point, variant).
    public struct Chart {
        public let column: String, title: String, unit: String
        public var fans: [Fan]
    }

    /// Per step: the 10th, 50th and 90th percentile over the group's runs.
    public struct Fan {
        public let point: String, variant: String, runs: Int
        public let steps: [Double], low: [Double], median: [Double], high: [Double]
    }

    /// A paired difference of summary.csv: the variant minus main on the same seeds.
    public struct Effect {
        public let point: String, variant: String, metric: String, n: Int, mean: Double, low: Double, high: Double
    }

    public let title: String
    public let provenance: [(String, String)]
    public var charts: [Chart]
    public let effects: [Effect]
    /// Runs worth a look: "run 3 (point 1, main, seed 42): failed: ...".
    public let flags: [String]
    public let notes: [String]

    /// The columns charted, when the table has them.
    static let columns: [(column: String, title: String, unit: String)] = [
        ("price_crypto", "Crypto price", "$/unit"), ("price_saas", "SaaS price", "$/unit"),
        ("price_memory", "Memory price", "$/unit"), ("yield_treasury", "Treasury yield", "fraction per year"),
        ("credit_spread", "Credit spread", "fraction per year"), ("dry_powder", "Dry powder", "$bn"),
    ]

    /// Reads `directory`: a sweep folder (manifest.json with runs) or one run's folder (`drypowder run`).
    public init(directory: String) throws {
        let manifest = try SweepTables.manifest(of: directory, missing: "has no manifest.json: not a finished run or sweep folder")
        let isSweep = manifest["runs"] != nil
        title = (manifest["experiment"] as? String ?? URL(fileURLWithPath: directory).lastPathComponent)
            + (isSweep ? " (sweep)" : " (run)")
        let keys = ["experiment_file", "drypowder_version", "git_commit", "master_seed", "seed", "generator", "gsl_version",
                    "design", "seeds", "points", "replications", "variants", "runs", "status", "started_at"]
        provenance = keys.compactMap { key in manifest[key].map { (key, Self.text($0)) } }
        var flags: [String] = [], notes: [String] = []
        if isSweep {
            let sweep = try SweepTables(directory, manifest: manifest)
            let runs = try RunsTable(path: sweep.path("runs.csv"), expected: try sweep.digest("runs.csv"))
            let halt = runs.metrics.firstIndex(of: "halt_days"), insolvent = runs.metrics.firstIndex(of: "insolvent_dealer_steps")
            for r in runs.rows {
                let who = "run \(r.id) (point \(r.point), \(r.variant), seed \(r.seed))"
                if r.status != .ok { flags.append("\(who): \(r.status.rawValue)") }
                if let h = halt, r.metrics[h] > 0 { flags.append("\(who): a market halted on \(Int(r.metrics[h])) days") }
                if let d = insolvent, r.metrics[d] > 0 {
                    flags.append("\(who): a dealer insolvent on \(Int(r.metrics[d])) steps")
                }
            }
            let ok = Set(runs.rows.filter { $0.status == .ok }.map { String($0.id) })
            effects = try Self.effects(directory + "/summary.csv")
            charts = try Self.charts(directory + "/timeseries.csv", identity: true, keep: ok, notes: &notes)
        } else {
            if let status = manifest["status"] as? String, status != "ok" { flags.append("the run: \(status)") }
            if let halts = manifest["halt_days"] as? Int, halts > 0 { flags.append("the run: a market halted on \(halts) days") }
            effects = []
            charts = try Self.charts(directory + "/timeseries.csv", identity: false, keep: nil, notes: &notes)
        }
        (self.flags, self.notes) = (flags, notes)
    }

    /// summary.csv's paired differences.
    static func effects(_ path: String) throws -> [Effect] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let rows = CSVReader.parse(text).filter { $0.count > 1 }
        guard let header = rows.first, let at = ["point", "variant", "statistic", "metric", "n", "mean", "ci_low", "ci_high"]
            .map({ header.firstIndex(of: $0) }) as [Int?]?, !at.contains(nil) else {
            throw AnalysisError.table(path, "is not a sweep's summary.csv")
        }
        let c = at.map { $0! }
        return rows.dropFirst().compactMap { r in
            guard r[c[2]] == "difference", let n = Int(r[c[4]]), let mean = Double(r[c[5]]) else { return nil }
            return Effect(point: r[c[0]], variant: r[c[1]], metric: r[c[3]], n: n, mean: mean,
                          low: Double(r[c[6]]) ?? .nan, high: Double(r[c[7]]) ?? .nan)
        }
    }

    /// The charted columns of timeseries.csv, grouped by (point, variant) and summarised per step.
    static func charts(_ path: String, identity: Bool, keep: Set<String>?, notes: inout [String]) throws -> [Chart] {
        guard FileManager.default.fileExists(atPath: path) else {
            notes.append("no timeseries.csv (outputs.tables): no charts")
            return []
        }
        let reader = try LineReader(path: path)
        guard let first = try reader.next() else { throw AnalysisError.table(path, "is empty") }
        let header = LineReader.fields(first)
        let wanted = columns.filter { header.contains($0.column) }
        let at = wanted.map { header.firstIndex(of: $0.column)! }
        guard let stepColumn = header.firstIndex(of: "step") else { throw AnalysisError.table(path, "has no step column") }
        // (point, variant) -> run -> per column: (step, value) in file order.
        var groups: [String: [String: [[(Double, Double)]]]] = [:], order: [String] = []
        while let line = try reader.next() {
            let row = LineReader.fields(line)
            guard row.count == header.count else { throw AnalysisError.table("\(path):\(reader.lineNumber)", "a short row") }
            if let keep, !keep.contains(row[0]) { continue }
            let group = identity ? "\(row[1])\t\(row[3])" : "1\tmain", run = identity ? row[0] : "1"
            if groups[group] == nil { (groups[group], order) = ([:], order + [group]) }
            if groups[group]![run] == nil { groups[group]![run] = at.map { _ in [] } }
            let step = Double(row[stepColumn]) ?? .nan
            for (k, c) in at.enumerated() { groups[group]![run]![k].append((step, Double(row[c]) ?? .nan)) }
        }
        return wanted.enumerated().map { k, column in
            Chart(column: column.column, title: column.title, unit: column.unit, fans: order.map { group in
                let parts = group.split(separator: "\t").map(String.init)
                return fan(point: parts[0], variant: parts[1], runs: Array(groups[group]!.values).map { $0[k] })
            })
        }
    }

    /// Percentiles per step over runs (steps where every run has a value).
    static func fan(point: String, variant: String, runs: [[(Double, Double)]]) -> Fan {
        let length = runs.map(\.count).min() ?? 0
        var steps: [Double] = [], low: [Double] = [], median: [Double] = [], high: [Double] = []
        for t in 0..<length {
            let xs = runs.map { $0[t].1 }.filter(\.isFinite)
            guard !xs.isEmpty else { continue }
            let q = Statistics.quantiles(xs, [0.1, 0.5, 0.9])
            steps.append(runs[0][t].0)
            low.append(q[0])
            median.append(q[1])
            high.append(q[2])
        }
        return Fan(point: point, variant: variant, runs: runs.count, steps: steps, low: low, median: median, high: high)
    }

    static func text(_ value: Any) -> String {
        switch value {
        case let s as String: return s
        case let a as [Any]: return a.map(text).joined(separator: ", ")
        case let n as NSNumber: return n.stringValue
        default: return "\(value)"
        }
    }
}
