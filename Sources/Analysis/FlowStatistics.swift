/// The statistics of one run's flows.csv rows, per sector and asset (subject `sector/asset`, in the
/// order they first trade): what each sector bought and sold over the run, and when it first sold.
enum FlowStatistics {
    struct Layout {
        let step: Int, sector: Int, asset: Int, netValue: Int, forcedUnits: Int

        init(_ table: RunGroups) throws {
            step = try table.column("step")
            sector = try table.column("sector")
            asset = try table.column("asset")
            netValue = try table.column("net_value")
            forcedUnits = try table.column("forced_units")
        }

        init(step: Int, sector: Int, asset: Int, netValue: Int, forcedUnits: Int) {
            (self.step, self.sector, self.asset, self.netValue, self.forcedUnits) = (step, sector, asset, netValue, forcedUnits)
        }
    }

    private struct Totals {
        var netValue = 0.0, salesValue = 0.0, forcedUnits = 0.0
        var firstSale: Int?
    }

    static func of(rows: [RunGroups.Row], layout: Layout, table: RunGroups.Columns) throws -> [Statistic] {
        var subjects: [String] = [], totals: [String: Totals] = [:]
        for row in rows {
            let step = Int(try table.number(row, layout.step))
            let value = try table.number(row, layout.netValue), forced = try table.number(row, layout.forcedUnits)
            let subject = row.fields[layout.sector] + "/" + row.fields[layout.asset]
            if totals[subject] == nil { subjects.append(subject) }
            var t = totals[subject, default: Totals()]
            t.netValue += value
            t.forcedUnits += forced
            if value < 0 {   // net_value is cash paid less cash received: a net sale
                t.salesValue -= value
                if t.firstSale == nil { t.firstSale = step }
            }
            totals[subject] = t
        }
        return subjects.flatMap { subject -> [Statistic] in
            let t = totals[subject]!
            var out = [("net_value", t.netValue), ("sales_value", t.salesValue), ("forced_units", t.forcedUnits)]
            if let first = t.firstSale { out.append(("first_sale_step", Double(first))) }
            return out.map { Statistic(subject: subject, name: $0.0, lag: nil, value: $0.1) }
        }
    }
}
