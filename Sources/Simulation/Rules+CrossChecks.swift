import Config
import Economy

private extension Array where Element == String {
    var pair: (String, String) { (self[0], self[1]) }
}

extension Rules {
    /// An error at `key` (a dotted path for nested keys) of the rule file of `type`: at the key's line
    /// in that file, or, when the value came from an override elsewhere, at the override's line under
    /// its full path.
    static func error(_ experiment: Experiment, _ type: String, _ key: String, _ message: String) -> ConfigError {
        let node = experiment.agents.first { $0.type == type }!.rules
        let value = node.node(at: key)
        let local = value?.location.file == node.location.file
        return ConfigError(value?.location ?? node.location, local ? key : "\(type).\(key)", message)
    }

    /// Every bond and equity needs an issuer to pay it: the government's bond, the hyperscalers'
    /// bond, and equities whose earnings the real economy file describes. Returns the first problem.
    func issuerError(_ experiment: Experiment) -> ConfigError? {
        func at(_ type: String, _ key: String, _ message: String) -> ConfigError { Self.error(experiment, type, key, message) }
        let bonds = market.assets.filter { $0.kind == .bond }.map(\.name)
        let listed = bonds.isEmpty ? "none defined" : bonds.joined(separator: ", ")
        for (type, name) in [(GovernmentRules.type, government.bond), (HyperscalerRules.type, hyperscaler.bond)]
        where !bonds.contains(name) {
            return at(type, "bond", "expected the name of a market asset of kind bond (\(listed)), found \"\(name)\"")
        }
        if government.bond == hyperscaler.bond {
            return at(HyperscalerRules.type, "bond", "the hyperscalers' bond must differ from the government's (\(government.bond))")
        }
        let market = experiment.agents.first { $0.type == MarketRules.type }!.rules
        if let orphan = self.market.assets.first(where: { $0.kind == .bond && ![government.bond, hyperscaler.bond].contains($0.name) }) {
            return ConfigError(market.location, "assets.\(orphan.name).kind",
                               "a bond needs an issuer to pay its coupon: the government's (\(government.bond)) or the hyperscalers' (\(hyperscaler.bond))")
        }
        let described = realEconomy.equities.map(\.asset)
        if let orphan = self.market.assets.first(where: { $0.kind == .equity && !described.contains($0.name) }) {
            return at(RealEconomyRules.type, "equities", "the equity \(orphan.name) needs an entry saying how its dividends are earned")
        }
        let equities = self.market.assets.filter { $0.kind == .equity }.map(\.name)
        if let stray = described.first(where: { !equities.contains($0) }) {
            return at(RealEconomyRules.type, "equities", "\(stray) is not a market asset of kind equity (\(equities.isEmpty ? "none defined" : equities.joined(separator: ", ")))")
        }
        return nil
    }

    /// Each asset's step-0 shares held by the sectors must leave dealers a non-negative rest, and
    /// every asset a sovereign fund or a hedge-fund strategy names must exist.
    func endowmentError(_ experiment: Experiment) -> ConfigError? {
        let names = market.assets.map(\.name)
        let ranked = names + [RankedHolding.hedgeFundsName]
        for (key, listed, known) in [("holdings", sovereignFund.holdings.map(\.asset), names), ("conviction", sovereignFund.conviction, ranked)] {
            if let stray = listed.first(where: { !known.contains($0) }) {
                return Self.error(experiment, SovereignFundRules.type, key, "\(stray) is not a market asset (\(names.joined(separator: ", ")))\(key == "conviction" ? " nor hedge_funds" : "")")
            }
        }
        for strategy in hedgeFund.strategies {
            if let stray = strategy.assets.first(where: { !names.contains($0) }) {
                return Self.error(experiment, HedgeFundRules.type, "\(strategy.strategy.rawValue).assets",
                                  "\(stray) is not a market asset (\(names.joined(separator: ", ")))")
            }
            if strategy.strategy == .basis || strategy.strategy == .macro,
               let stray = strategy.assets.first(where: { name in market.assets.first { $0.name == name }?.kind != .bond }) {
                return Self.error(experiment, HedgeFundRules.type, "\(strategy.strategy.rawValue).assets",
                                  "\(stray) is not a bond; the \(strategy.strategy.rawValue) strategy trades yields")
            }
        }
        for asset in market.assets {
            var shares: [(String, Double)] = []
            if asset.name == retail.asset { shares.append(("retail.initial_share", retail.initialShare)) }
            if asset.name == government.bond {
                shares += [("central_bank.initial_bond_share", centralBank.initialBondShare), ("hyperscaler.treasury_share", hyperscaler.treasuryShare)]
            }
            if sovereignFund.share(of: asset.name) > 0 {
                shares.append(("sovereign_fund.holdings.\(asset.name).share", sovereignFund.share(of: asset.name)))
            }
            for sector in Sectors.registered {
                shares += Sectors.initialShares(sector, self).filter { $0.asset == asset.name }.map { ($0.key, $0.share) }
            }
            let total = shares.reduce(0) { $0 + $1.1 }
            if total > 1, let largest = shares.max(by: { $0.1 < $1.1 }) {
                let (type, key) = largest.0.split(separator: ".", maxSplits: 1).map(String.init).pair
                let listed = shares.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")
                return Self.error(experiment, type, key,
                                  "the step-0 shares of \(asset.name) sum to \(total) > 1 (dealers hold the rest): \(listed)")
            }
        }
        return nil
    }
}
