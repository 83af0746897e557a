import Foundation

/// Batches through `drypowder sweep`: replications of a small configuration, timed from outside,
/// with the sweep's peak memory from its manifest.
struct BatchBench {
    let root: String, scratch: String, steps: Int, traders: Int
    /// Whether runs write their per-step tables (timeseries, flows, events), or only runs.csv's row, as a
    /// sensitivity or calibration sweep needs (`outputs: {tables: []}`).
    var tables = true
    /// The tables that hold results (not timings): equal bytes mean equal results.
    static let resultTables = ["runs.csv", "summary.csv", "timeseries.csv", "flows.csv", "events.csv"]

    /// Wall seconds of one sweep of `replications` runs on `jobs` workers, and its peak memory.
    @discardableResult
    func sweep(replications: Int, jobs: Int, keep: Bool = false) -> (seconds: Double, peakBytes: Double) {
        let file = scratch + "-batch-\(replications).yaml", dir = directory(replications, jobs)
        try! experiment(replications: replications).write(toFile: file, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: dir)
        defer {
            if !keep { try? FileManager.default.removeItem(atPath: dir) }
            try? FileManager.default.removeItem(atPath: file)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        drypowder(["sweep", file, "--out", dir, "--jobs", String(jobs), "--quiet"])
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (seconds, manifestNumber(dir, "peak_resident_bytes") ?? 0)
    }

    /// Whether 1 and 2 jobs write byte-identical result tables.
    func sameResults(replications: Int) -> Bool {
        sweep(replications: replications, jobs: 1, keep: true)
        sweep(replications: replications, jobs: 2, keep: true)
        defer { for jobs in [1, 2] { try? FileManager.default.removeItem(atPath: directory(replications, jobs)) } }
        return Self.resultTables.allSatisfy { table in
            let one = FileManager.default.contents(atPath: directory(replications, 1) + "/" + table)
            return one != nil && one == FileManager.default.contents(atPath: directory(replications, 2) + "/" + table)
        }
    }

    private func directory(_ replications: Int, _ jobs: Int) -> String { scratch + "-sweep-\(replications)-\(jobs)" }

    func experiment(replications: Int) -> String {
        let agents = ["market", "hedge_fund", "dealer", "retail", "government", "money_fund", "central_bank",
                      "hyperscaler", "real_economy", "sovereign_fund", "ai_lab"]
        return """
            description: "bench batch"
            run: {seed: 1, steps: \(steps), generator: taus2}
            agents:
            \(agents.map { "  \($0): \(root)/Agents/\($0).yaml" }.joined(separator: "\n"))
            set: {retail.count: \(traders)}
            replications: \(replications)
            """ + (tables ? "" : "\noutputs: {tables: []}")
    }
}
