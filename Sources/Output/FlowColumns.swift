import Simulation

/// The columns of `flows.csv`: one row per step, sector and asset the sector traded. Tidy (long)
/// format, so a new sector or asset adds rows, never columns. `docs/OUTPUT.md` documents each.
public enum FlowColumns {
    public static let documented: [(name: String, meaning: String, unit: String)] = [
        ("step", "trading day, 1-based", "step"),
        ("sector", "agent type: hedge_fund, dealer, retail, government, money_fund, central_bank, hyperscaler, sovereign_fund or a sector added as data (real_money)", "text"),
        ("asset", "asset name, as in the market file", "text"),
        ("net_units", "units bought minus units sold by the whole sector over all rounds", "bn units"),
        ("net_value", "cash paid for purchases minus cash received for sales", "$bn"),
        ("forced_units", "units the sector sold under margin calls or liquidations", "bn units"),
    ]

    public static var header: [String] { documented.map(\.name) }

    /// Writes the rows of `flows` at `step` (a sweep's thinned flows are sums over several steps).
    public static func write(step: Int, flows: [SectorFlow], assets: [String], to writer: CSVWriter) throws {
        let step = String(step)
        for f in flows {
            try writer.writeRow { row in
                row.field(step)
                row.field(f.sector)
                row.field(assets[f.asset])
                try row.number(f.netUnits)
                try row.number(f.netValue)
                try row.number(f.forcedUnits)
            }
        }
    }
}
