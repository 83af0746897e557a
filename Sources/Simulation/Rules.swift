import Config
import Economy

/// Every rule set of a run, typed and validated: the "checked value types" between config files
/// and the world. Built from a resolved `Experiment`; all errors of all files are reported together.
public struct Rules: Sendable {
    public var description: String
    public var run: RunSettings
    public var market: MarketRules
    public var hedgeFund: HedgeFundRules
    public var dealer: DealerRules
    public var retail: RetailRules
    public var government: GovernmentRules
    public var moneyFund: MoneyFundRules
    public var centralBank: CentralBankRules
    public var hyperscaler: HyperscalerRules
    public var realEconomy: RealEconomyRules
    public var sovereignFund: SovereignFundRules
    public var aiLab: AILabRules
    public var household: HouseholdRules
    /// The rules of each sector added as data (`Sectors.registered`), by agent type.
    public var sectors: [String: any Sendable] = [:]

    /// The agent types an experiment must give a rule file for, in the order sections are read.
    public static var agentTypes: [String] { readers.map(\.type) }

    public init(_ experiment: Experiment) throws(ConfigErrors) {
        var errors: [ConfigError] = []
        var settings = RuleReader(experiment.settings, section: "")
        description = settings.text("description", "what the experiment is for")
        run = settings.section("run", "seed, length and generator of each run") { RunSettings(&$0) }
        do { try settings.finish() } catch { errors += error.errors }

        let byType = Dictionary(experiment.agents.map { ($0.type, $0) }, uniquingKeysWith: { a, _ in a })
        for entry in experiment.agents where !Self.agentTypes.contains(entry.type) {
            let near = RuleReader.nearest(entry.type, in: Self.agentTypes).map { "; did you mean '\($0)'?" } ?? ""
            errors.append(ConfigError(entry.location, "agents.\(entry.type)",
                                      "unknown agent type\(near) (known: \(Self.agentTypes.joined(separator: ", ")))"))
        }
        func read<T>(_ type: String, _ make: (inout RuleReader) -> T) -> T {
            guard let entry = byType[type] else {
                errors.append(ConfigError(experiment.agentsLocation, "agents.\(type)",
                                          "missing key (expected the path of the \(type) rule file)"))
                var describing = RuleReader.describing(section: type)
                return make(&describing)
            }
            var reader = RuleReader(entry.rules, section: type)
            let value = make(&reader)
            do { try reader.finish() } catch { errors += error.errors }
            return value
        }
        market = read(MarketRules.type) { MarketRules(&$0) }
        hedgeFund = read(HedgeFundRules.type) { HedgeFundRules(&$0) }
        dealer = read(DealerRules.type) { DealerRules(&$0) }
        retail = read(RetailRules.type) { RetailRules(&$0) }
        government = read(GovernmentRules.type) { GovernmentRules(&$0) }
        moneyFund = read(MoneyFundRules.type) { MoneyFundRules(&$0) }
        centralBank = read(CentralBankRules.type) { CentralBankRules(&$0) }
        hyperscaler = read(HyperscalerRules.type) { HyperscalerRules(&$0) }
        realEconomy = read(RealEconomyRules.type) { RealEconomyRules(&$0) }
        sovereignFund = read(SovereignFundRules.type) { SovereignFundRules(&$0) }
        aiLab = read(AILabRules.type) { AILabRules(&$0) }
        household = read(HouseholdRules.type) { HouseholdRules(&$0) }
        for sector in Sectors.registered {
            sectors[sector.type] = read(sector.type) { reader -> any Sendable in sector.rules(&reader) }
        }
        if errors.isEmpty { errors += crossChecks(experiment) }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
    }

    /// Checks that span files: names that must refer to assets, issuers, shares that must fit.
    private func crossChecks(_ experiment: Experiment) -> [ConfigError] {
        let retailFile = experiment.agents.first { $0.type == RetailRules.type }!.rules
        if !market.assets.contains(where: { $0.name == retail.asset }) {
            return [Self.error(experiment, RetailRules.type, "asset",
                               "expected the name of an asset in market.assets (\(market.assets.map(\.name).joined(separator: ", "))), found \"\(retail.asset)\"")]
        }
        if let error = issuerError(experiment) { return [error] }
        if retail.trendFraction + retail.fundamentalFraction > 1 {
            let node = retailFile.mapping?["fundamental_fraction"]
            return [ConfigError(node?.location ?? retailFile.location, "fundamental_fraction",
                                "trend_fraction + fundamental_fraction must be <= 1 (the rest are noise traders), found \(retail.trendFraction + retail.fundamentalFraction)")]
        }
        if let error = endowmentError(experiment) { return [error] }
        for sector in Sectors.registered {
            if let (key, message) = Sectors.crossCheck(sector, self) { return [Self.error(experiment, sector.type, key, message)] }
        }
        return []
    }

    /// Each agent type's reader, in the order sections are read: the one list `describe` and
    /// `validate` share.
    static var readers: [(type: String, read: (inout RuleReader) -> Void)] { [
        (MarketRules.type, { _ = MarketRules(&$0) }),
        (HedgeFundRules.type, { _ = HedgeFundRules(&$0) }),
        (DealerRules.type, { _ = DealerRules(&$0) }),
        (RetailRules.type, { _ = RetailRules(&$0) }),
        (GovernmentRules.type, { _ = GovernmentRules(&$0) }),
        (MoneyFundRules.type, { _ = MoneyFundRules(&$0) }),
        (CentralBankRules.type, { _ = CentralBankRules(&$0) }),
        (HyperscalerRules.type, { _ = HyperscalerRules(&$0) }),
        (RealEconomyRules.type, { _ = RealEconomyRules(&$0) }),
        (SovereignFundRules.type, { _ = SovereignFundRules(&$0) }),
        (AILabRules.type, { _ = AILabRules(&$0) }),
        (HouseholdRules.type, { _ = HouseholdRules(&$0) }),
    ] + Sectors.registered.map { sector in (sector.type, { _ = sector.rules(&$0) }) } }

    /// The documentation of every key of one rule type (or of the experiment settings, `experiment`).
    public static func describe(_ type: String) -> [KeySpec]? {
        var r = RuleReader.describing(section: type)
        if type == "experiment" {
            _ = r.text("description", "what the experiment is for")
            _ = r.section("run", "seed, length and generator of each run") { RunSettings(&$0) }
            return r.specs
        }
        guard let reader = readers.first(where: { $0.type == type }) else { return nil }
        reader.read(&r)
        return r.specs
    }

    /// Validates one rule file on its own, as the rules of `type`.
    public static func validate(ruleFile node: ConfigNode, type: String) throws(ConfigErrors) {
        guard let reader = readers.first(where: { $0.type == type }) else { preconditionFailure("unknown rule type \(type)") }
        var r = RuleReader(node, section: type)
        reader.read(&r)
        try r.finish()
    }
}
