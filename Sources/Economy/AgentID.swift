/// A sector of the economy by its agent type, the name its rule file and output use ("hedge_fund").
/// The built-in sectors are constants; a sector added as data (`Sector`) brings its own.
public struct SectorID: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }

    public static let hedgeFund = SectorID("hedge_fund"), dealer = SectorID("dealer"), retail = SectorID("retail")
    public static let government = SectorID("government"), moneyFund = SectorID("money_fund")
    public static let centralBank = SectorID("central_bank"), hyperscaler = SectorID("hyperscaler")
    public static let realEconomy = SectorID("real_economy"), sovereignFund = SectorID("sovereign_fund")
    public static let aiLab = SectorID("ai_lab"), household = SectorID("household")

    /// Sectors of one agent, named without an index.
    public var isSingle: Bool { [.government, .centralBank, .realEconomy, .household].contains(self) }
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
