import Foundation

/// The columns of one run's timeseries.csv rows that the statistics read, asset by asset.
struct RunSeries {
    var steps: [Int] = []
    var prices: [[Double]]
    var logReturns: [[Double]]
    var volumes: [[Double]]
    var forcedVolumes: [[Double]]
    /// 1 when each asset's market halted at its daily limit, per step (empty for sweeps written before
    /// the column existed).
    var halted: [[Double]]
    var redemptionsPaid: [Double] = []
    /// The annual yield of each bond of `bonds`, per step.
    var bonds: [String]
    var yields: [[Double]]
    /// The credit spread per step (empty for sweeps written without the column).
    var creditSpread: [Double] = []

    /// No steps yet, for `assets` assets of which `bonds` are bonds (filled step by step: `RecordStatistics`).
    init(assets: Int, bonds: [String]) {
        let empty = Array(repeating: [Double](), count: assets)
        (prices, logReturns, volumes, forcedVolumes, halted) = (empty, empty, empty, empty, empty)
        self.bonds = bonds
        yields = bonds.map { _ in [] }
    }

    /// True when every step is kept (outputs.every 1), so returns are daily.
    var daily: Bool { zip(steps, steps.dropFirst()).allSatisfy { $1 == $0 + 1 } }

    /// The series without its first `n` steps (a burn-in: the move away from step 0's balance sheets).
    func dropping(first n: Int) -> RunSeries {
        guard n > 0 else { return self }
        var s = self
        s.steps = Array(steps.dropFirst(n))
        (s.prices, s.logReturns) = (prices.map { Array($0.dropFirst(n)) }, logReturns.map { Array($0.dropFirst(n)) })
        (s.volumes, s.forcedVolumes) = (volumes.map { Array($0.dropFirst(n)) }, forcedVolumes.map { Array($0.dropFirst(n)) })
        s.halted = halted.map { Array($0.dropFirst(n)) }
        s.redemptionsPaid = Array(redemptionsPaid.dropFirst(n))
        (s.yields, s.creditSpread) = (yields.map { Array($0.dropFirst(n)) }, Array(creditSpread.dropFirst(n)))
        return s
    }

    /// The price before the first kept step, from the first step's log return.
    func initialPrice(_ asset: Int) -> Double {
        prices[asset][0] / Foundation.exp(logReturns[asset][0])
    }

    /// Which columns of `table` hold each series.
    struct Layout {
        let assets: [String]
        let step: Int, price: [Int], logReturn: [Int], volume: [Int], forcedVolume: [Int], redemptionsPaid: Int
        /// nil in sweeps written before `halted_<asset>` existed.
        let halted: [Int]?
        /// The assets with a `yield_<asset>` column (the bonds), their columns, and `credit_spread`'s (nil
        /// when the sweep did not write it).
        let bonds: [String], yield: [Int], creditSpread: Int?

        /// The columns of `assets` (the assets runs.csv names) in `table`.
        init(_ table: RunGroups, assets: [String]) throws {
            self.assets = assets
            guard !assets.isEmpty else { throw AnalysisError.table(table.path, "has no price_<asset> columns") }
            step = try table.column("step")
            price = try assets.map { try table.column("price_" + $0) }
            logReturn = try assets.map { try table.column("log_return_" + $0) }
            volume = try assets.map { try table.column("volume_" + $0) }
            forcedVolume = try assets.map { try table.column("forced_volume_" + $0) }
            redemptionsPaid = try table.column("redemptions_paid")
            let columns = assets.map { table.header.firstIndex(of: "halted_" + $0) }
            halted = columns.contains(nil) ? nil : columns.map { $0! }
            bonds = assets.filter { table.header.contains("yield_" + $0) }
            yield = try bonds.map { try table.column("yield_" + $0) }
            creditSpread = table.header.firstIndex(of: "credit_spread")
        }
    }

    /// The series of one run's rows; steps must rise from row to row (a repeated or misplaced row is
    /// an error naming its line).
    init(rows: [RunGroups.Row], layout: Layout, table: RunGroups.Columns) throws {
        let empty = Array(repeating: [Double](), count: layout.assets.count)
        (prices, logReturns, volumes, forcedVolumes) = (empty, empty, empty, empty)
        halted = layout.halted == nil ? [] : empty
        bonds = layout.bonds
        yields = bonds.map { _ in [] }
        for row in rows {
            let step = Int(try table.number(row, layout.step))
            if let last = steps.last, step <= last {
                throw AnalysisError.table("\(table.path):\(row.line)", "run \(row.runID): step \(step) after step \(last) (a row repeated or out of order)")
            }
            steps.append(step)
            for a in layout.assets.indices {
                prices[a].append(try table.number(row, layout.price[a]))
                logReturns[a].append(try table.number(row, layout.logReturn[a]))
                volumes[a].append(try table.number(row, layout.volume[a]))
                forcedVolumes[a].append(try table.number(row, layout.forcedVolume[a]))
                if let columns = layout.halted { halted[a].append(try table.number(row, columns[a])) }
            }
            redemptionsPaid.append(try table.number(row, layout.redemptionsPaid))
            for b in bonds.indices { yields[b].append(try table.number(row, layout.yield[b])) }
            if let column = layout.creditSpread { creditSpread.append(try table.number(row, column)) }
        }
    }
}
