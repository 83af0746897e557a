import Config

/// A rule type exercising every accessor, so Config is tested without any economics.
struct TestRules: Equatable {
    enum Mode: String, CaseIterable { case fast, slow }

    var name: String
    var count: Int
    var leverage: Double
    var enabled: Bool
    var mode: Mode
    var sizes: DistributionSpec
    var maxLeverage: Double

    init(_ r: inout RuleReader) {
        name = r.text("name", "a label")
        count = r.integer("count", "number of agents", unit: "agents", .nonNegative)
        leverage = r.number("leverage", "gross leverage", unit: "x", .positive)
        enabled = r.flag("enabled", "whether it acts")
        mode = r.choice("mode", "speed") as Mode
        sizes = r.distribution("sizes", "each agent's size", unit: "$", .positive)
        maxLeverage = r.section("strategies", "per strategy") { s in
            s.section("value", "the value strategy") { v in
                v.number("max_leverage", "leverage cap", unit: "x", .positive)
            }
        }
    }
}

enum Fixture {
    static let directory = String(#filePath.dropLast("TestRules.swift".count)) + "Fixtures/"
    static func path(_ name: String) -> String { directory + name + ".yaml" }

    /// Reads fixture `name` as TestRules; returns the rules or the rendered errors.
    static func read(_ name: String) -> Result<TestRules, ConfigErrors> {
        do {
            let node = try YAMLLoader.load(file: path(name))
            var r = RuleReader(node, section: "test")
            let rules = TestRules(&r)
            try r.finish()
            return .success(rules)
        } catch {
            return .failure(error)
        }
    }

    static func messages(_ name: String) -> [String] {
        switch read(name) {
        case .success: return []
        case let .failure(e): return e.errors.map(\.description)
        }
    }
}
