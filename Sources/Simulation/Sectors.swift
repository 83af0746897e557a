import Config
import Economy
import Stochastics

/// The sectors added as data. To add one, write its rule file and its `Sector` type, then list it here.
public enum Sectors {
    public static let registered: [any Sector.Type] = [
        RealMoney.self,
        Speculators.self,
        LongOnly.self,
    ]

    /// Every registered sector's columns, in order: (name, meaning, unit).
    public static var columnDocs: [(name: String, meaning: String, unit: String)] { registered.flatMap { docs($0) } }

    /// Problems the registered sectors' rules have with the market (a generic function opens each type).
    static func crossCheck<S: Sector>(_ sector: S.Type, _ rules: Rules) -> (key: String, message: String)? {
        S.crossCheck(rules.sectors[S.type] as! S.Rules, assets: rules.market.assets)
    }

    /// A registered sector's step-0 shares, keys qualified with its type.
    static func initialShares<S: Sector>(_ sector: S.Type, _ rules: Rules)
        -> [(asset: String, key: String, share: Double)] {
        guard let own = rules.sectors[S.type] as? S.Rules else { return [] }
        return S.initialShares(own).map { ($0.asset, "\(S.type).\($0.key)", $0.share) }
    }

    /// One sector's columns (a generic function opens the existential type).
    public static func docs<S: Sector>(_ sector: S.Type) -> [(name: String, meaning: String, unit: String)] {
        S.columnDocs
    }
}

/// A registered sector in a running world, its type erased.
struct AddedSector: Sendable {
    let id: SectorID
    private var sector: any Sector

    init(_ sector: any Sector) {
        self.sector = sector
        id = SectorID(type(of: sector).type)
    }

    var books: [Book] { sector.books }

    /// Calls `body` with agent `i`'s book to change, in place (a generic function opens the type).
    mutating func modify<T>(_ i: Int, _ body: (inout Book) -> T) -> T {
        func open<S: Sector>(_ sector: inout S) -> T { body(&sector.books[i]) }
        return open(&sector)
    }

    /// Cash each agent receives from households this step (`Sector.householdFlows`).
    func householdFlows(market: MarketView, rules: Simulation.Rules) -> [Double] {
        func flows<S: Sector>(_ sector: S) -> [Double] {
            sector.householdFlows(market: market, rules: rules.sectors[S.type] as! S.Rules)
        }
        return flows(sector)
    }

    /// Its start of a trading day (`Sector.beginDay`).
    mutating func beginDay(market: MarketView, values: [Double], rules: Simulation.Rules, stream: RandomStream) {
        func open<S: Sector>(_ sector: inout S) {
            sector.beginDay(market: market, values: values, rules: rules.sectors[S.type] as! S.Rules, stream: stream)
        }
        open(&sector)
    }

    /// Appends its demand curves in each market to `curves` (by asset), given every sector's rules (its own
    /// found once for all markets).
    func appendOrders(to curves: inout [[DemandCurve]], market: MarketView, rules: Simulation.Rules) {
        func append<S: Sector>(_ sector: S) {
            let own = rules.sectors[S.type] as! S.Rules
            for asset in market.prices.indices {
                for order in sector.orders(asset: asset, market: market, rules: own) {
                    curves[asset].append(DemandCurve(AgentID(id, order.agent), order.quantity))
                }
            }
        }
        append(sector)
    }

    /// Its columns' values now.
    func values(_ market: MarketView) -> [Double] {
        func values<S: Sector>(_ sector: S) -> [Double] { S.columns.map { $0.value(sector, market) } }
        return values(sector)
    }
}

extension Sector {
    /// The sector at step 0, type erased, from its rules in `rules`.
    static func make(rules all: Simulation.Rules, market: MarketView, seed: Seed) -> AddedSector {
        let stream = RandomStream(seed: seed.child("init." + type), generator: all.run.generator)
        return AddedSector(Self(rules: all.sectors[type] as! Self.Rules, market: market, stream: stream))
    }

    /// Its columns' documentation: (name, meaning, unit), names prefixed with its type.
    public static var columnDocs: [(name: String, meaning: String, unit: String)] {
        columns.map { ("\(type)_\($0.name)", $0.meaning, $0.unit) }
    }
}
