import Synchronization

/// A sector of the economy by its agent type, the name its rule file and output use ("hedge_fund").
/// The built-in sectors are constants; a sector added as data (`Sector`) brings its own. A sector is a
/// number the process gives its name once: copying, comparing and hashing it touch no string.
public struct SectorID: Hashable, Sendable, CustomStringConvertible {
    private let code: Int

    private init(code: Int) { self.code = code }

    /// The sector named `name`: a built-in one, or one added as data (numbered on first use).
    public init(_ name: String) {
        if let code = Self.builtInNames.firstIndex(of: name) {
            self.code = code
            return
        }
        code = Self.added.withLock { added in
            if let code = added.codes[name] { return code }
            added.names.append(name)
            added.codes[name] = Self.builtInNames.count + added.names.count - 1
            return added.codes[name]!
        }
    }

    public var name: String {
        code < Self.builtInNames.count ? Self.builtInNames[code]
            : Self.added.withLock { $0.names[code - Self.builtInNames.count] }
    }

    public var description: String { name }

    /// Sectors of one agent, named without an index.
    public var isSingle: Bool { self == .government || self == .centralBank || self == .realEconomy || self == .household }

    private static let builtInNames = ["hedge_fund", "dealer", "retail", "government", "money_fund", "central_bank",
                                       "hyperscaler", "real_economy", "sovereign_fund", "ai_lab", "household"]
    private static let added = Mutex<(names: [String], codes: [String: Int])>(([], [:]))

    public static let hedgeFund = SectorID(code: 0), dealer = SectorID(code: 1), retail = SectorID(code: 2)
    public static let government = SectorID(code: 3), moneyFund = SectorID(code: 4), centralBank = SectorID(code: 5)
    public static let hyperscaler = SectorID(code: 6), realEconomy = SectorID(code: 7), sovereignFund = SectorID(code: 8)
    public static let aiLab = SectorID(code: 9), household = SectorID(code: 10)
}

/// One agent: its sector and its index there. It names the agent's book (the ledger's account) and
/// the demand curves it sends to markets. The retail population trades through three order books
/// (`retailBuys`, `retailSells`, `retailLiquidations`) and keeps its traders' balances in columns.
public struct AgentID: Hashable, Sendable, CustomStringConvertible {
    public let sector: SectorID
    public let index: Int

    public init(_ sector: SectorID, _ index: Int = 0) { (self.sector, self.index) = (sector, index) }

    public static func hedgeFund(_ i: Int) -> AgentID { AgentID(.hedgeFund, i) }
    public static func dealer(_ i: Int) -> AgentID { AgentID(.dealer, i) }
    public static func moneyFund(_ i: Int) -> AgentID { AgentID(.moneyFund, i) }
    public static func hyperscaler(_ i: Int) -> AgentID { AgentID(.hyperscaler, i) }
    public static func sovereignFund(_ i: Int) -> AgentID { AgentID(.sovereignFund, i) }
    public static func aiLab(_ i: Int) -> AgentID { AgentID(.aiLab, i) }
    public static let government = AgentID(.government), centralBank = AgentID(.centralBank)
    public static let realEconomy = AgentID(.realEconomy), household = AgentID(.household)
    /// The retail population's buy orders (cash to spend), sell orders (units to sell), and the
    /// exchange liquidating positions below maintenance margin (forced), all traders at once.
    public static let retailBuys = AgentID(.retail, 0), retailSells = AgentID(.retail, 1)
    public static let retailLiquidations = AgentID(.retail, 2)

    /// "hedge_fund[2]", "central_bank", "retail (buy orders)".
    public var description: String {
        if sector == .retail { return "retail (\(["buy orders", "sell orders", "liquidations"][index]))" }
        return sector.isSingle ? sector.name : "\(sector.name)[\(index)]"
    }
}
