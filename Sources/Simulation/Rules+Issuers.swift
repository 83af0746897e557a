import Config
import Economy

extension Rules {
    /// Every bond and equity needs an issuer to pay it: the government's bond, the hyperscalers'
    /// bond, and equities whose earnings the real economy file describes. Returns the first problem.
    func issuerError(_ experiment: Experiment) -> ConfigError? {
        func file(_ type: String) -> ConfigNode { experiment.agents.first { $0.type == type }!.rules }
        func at(_ type: String, _ key: String, _ message: String) -> ConfigError {
            let node = file(type), value = node.mapping?[key]
            let local = value?.location.file == node.location.file
            return ConfigError(value?.location ?? node.location, local ? key : "\(type).\(key)", message)
        }
        let bonds = market.assets.filter { $0.kind == .bond }.map(\.name)
        let listed = bonds.isEmpty ? "none defined" : bonds.joined(separator: ", ")
        for (type, name) in [(GovernmentRules.type, government.bond), (HyperscalerRules.type, hyperscaler.bond)]
        where !bonds.contains(name) {
            return at(type, "bond", "expected the name of a market asset of kind bond (\(listed)), found \"\(name)\"")
        }
        if government.bond == hyperscaler.bond {
            return at(HyperscalerRules.type, "bond", "the hyperscalers' bond must differ from the government's (\(government.bond))")
        }
        let market = file(MarketRules.type)
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
}
