import Config
import Economy
import Stochastics

/// A sector added as data: its rules, its agents' books, its set-up, its orders and its columns.
/// The world runs it without knowing its type: its fills settle into its books through the ledger,
/// it is paid on what it holds, and the stock-flow check, balance sheets and dealers' step-0 holdings
/// see its books. Adding one takes its rule file (`Agents/<type>.yaml`), its Swift file, its tests
/// and one line in `Sectors.registered`.
public protocol Sector: Sendable {
    associatedtype Rules: Sendable
    /// Its agent type: the rule file `Agents/<type>.yaml`, agents named `<type>[i]`, column prefix.
    static var type: String { get }
    /// Reads its rules from its rule file (or documents their keys, when the reader is describing).
    static func rules(_ reader: inout RuleReader) -> Rules
    /// A problem its rules have given the market's assets: (key, message), reported at the key.
    static func crossCheck(_ rules: Rules, assets: [AssetSpec]) -> (key: String, message: String)?
    /// The fraction of each asset's supply it holds at step 0, by asset name, each with the key that
    /// sets it (relative to its rule file): the step-0 shares of all sectors must leave dealers a rest.
    static func initialShares(_ rules: Rules) -> [(asset: String, key: String, share: Double)]
    /// Its agents at step 0. What they hold is endowed: dealers hold what nobody else does.
    init(rules: Rules, market: MarketView, stream: RandomStream)
    /// One book per agent, changed only by the ledger (whose `bookPoison` is all the finiteness check sees of
    /// the books).
    var books: [Book] { get set }
    /// Cash each of its agents receives from households' deposits this step (phase 3; negative: returns to
    /// them, within its cash): new money in a sector whose agents households fund.
    func householdFlows(market: MarketView, rules: Rules) -> [Double]
    /// The start of a trading day, before any order (phase 6): what its agents learn and draw for the day.
    /// `values` are the fundamental investors' values this morning; `stream` is the sector's own.
    mutating func beginDay(market: MarketView, values: [Double], rules: Rules, stream: RandomStream)
    /// Its agents' demand in market `asset` this clearing round.
    func orders(asset: Int, market: MarketView, rules: Rules) -> [SectorOrder]
    /// Its columns in timeseries.csv, each named `<type>_<name>`.
    static var columns: [SectorColumn<Self>] { get }
}

extension Sector {
    public static func crossCheck(_ rules: Rules, assets: [AssetSpec]) -> (key: String, message: String)? { nil }
    public static func initialShares(_ rules: Rules) -> [(asset: String, key: String, share: Double)] { [] }
    public mutating func beginDay(market: MarketView, values: [Double], rules: Rules, stream: RandomStream) {}
    public func householdFlows(market: MarketView, rules: Rules) -> [Double] { [] }

    /// Households' new money for agents that each hold one asset (`assets[i]`): `rate` of the gap between
    /// agent i's step-0 wealth and its wealth now (cash plus its asset at this morning's price); negative
    /// takes money back. What `householdFlows` gives for such sectors.
    public func refill(rate: Double, initialWealth: [Double], assets: [Int], market: MarketView) -> [Double] {
        books.indices.map { i in
            let wealth = books[i].cash + books[i].units[assets[i]] * market.prices[assets[i]]
            return rate * (initialWealth[i] - wealth)
        }
    }
}

/// One agent's demand in one market and round: its index in its sector, and the units it wants at a price
/// (positive buys, negative sells; not increasing in the price). A struct rather than a tuple: an array of
/// tuples stores the closure in its most general form, which costs a conversion and a call more each time
/// the clearing search evaluates it.
public struct SectorOrder: Sendable {
    public let agent: Int
    public let quantity: @Sendable (Double) -> Double

    public init(agent: Int, _ quantity: @escaping @Sendable (Double) -> Double) {
        (self.agent, self.quantity) = (agent, quantity)
    }
}

/// One timeseries column of a sector added as data.
public struct SectorColumn<S: Sector>: Sendable {
    public let name: String
    public let meaning: String
    public let unit: String
    public let value: @Sendable (S, MarketView) -> Double

    public init(_ name: String, _ meaning: String, _ unit: String,
                _ value: @escaping @Sendable (S, MarketView) -> Double) {
        (self.name, self.meaning, self.unit, self.value) = (name, meaning, unit, value)
    }
}

/// What a sector sees of the market when it decides: read-only.
public struct MarketView: Sendable {
    public let step: Int
    public let assets: [AssetSpec]
    public let prices: [Double]
    /// Prices at step 0.
    public let initialPrices: [Double]
    public let repoRate: Double
    public let policyRate: Double
    /// Units outstanding per asset.
    public let outstanding: [Double]
    /// Whether this is the day's first clearing round.
    public let firstRound: Bool
    /// The government's bond: the benchmark other bonds' spreads are measured against.
    public let governmentBond: Int
    /// Per asset, its issuer's gross debt at face value over a year of its operating cash flow (0 for
    /// the government's bond and for assets nobody owes), now and at step 0: what credit risk is judged on.
    public let issuerLeverage: [Double]
    public let initialIssuerLeverage: [Double]

    public init(step: Int, assets: [AssetSpec], prices: [Double], initialPrices: [Double], repoRate: Double,
                policyRate: Double, outstanding: [Double], firstRound: Bool, governmentBond: Int,
                issuerLeverage: [Double], initialIssuerLeverage: [Double]) {
        (self.step, self.assets, self.prices, self.initialPrices) = (step, assets, prices, initialPrices)
        (self.repoRate, self.policyRate, self.outstanding, self.firstRound) = (repoRate, policyRate, outstanding, firstRound)
        (self.governmentBond, self.issuerLeverage, self.initialIssuerLeverage) = (governmentBond, issuerLeverage, initialIssuerLeverage)
    }

    /// Annual yield of bond `a` at `price` (nil for other assets).
    public func yield(_ a: Int, at price: Double) -> Double? { assets[a].yield(at: price) }

    /// The government bond's yield at this morning's price, and at step 0.
    public var benchmarkYield: Double { assets[governmentBond].yield(at: prices[governmentBond]) ?? 0 }
    public var initialBenchmarkYield: Double { assets[governmentBond].yield(at: initialPrices[governmentBond]) ?? 0 }
}
