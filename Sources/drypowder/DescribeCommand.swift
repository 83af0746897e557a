import ArgumentParser
import Config
import Simulation

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "List every configuration key of an agent type: meaning, accepted values, unit and the value in the "
            + "project's rule file.")

    @Argument(help: ArgumentHelp("An agent type, 'experiment' for experiment settings, or 'phases' for the steps of "
                                 + "a trading day (a Markdown table); all keys when omitted."))
    var type: String?

    func validate() throws {
        if let type, type != "phases", Rules.describe(type) == nil {
            throw ValidationError("unknown type '\(type)'; known: experiment, phases, \(Rules.agentTypes.joined(separator: ", "))")
        }
    }

    func run() {
        if type == "phases" { return print(Phase.markdownTable) }
        let types = type.map { [$0] } ?? (["experiment"] + Rules.agentTypes)
        for (i, t) in types.enumerated() {
            if i > 0 { print() }
            print(t == "experiment" ? "experiment (Experiments/*.yaml)" : "\(t) (Agents/\(t).yaml)")
            if t == "experiment" {
                for key in ExperimentKeys.all {
                    print("  \(key.name): \(key.form)\(key.batch ? "  (drypowder sweep)" : "")")
                    print("      \(key.meaning)")
                }
            }
            let shipped = t == "experiment" ? nil : Self.shippedRules(t)
            for spec in Rules.describe(t) ?? [] {
                if spec.type == "section" {
                    print("  \(spec.path):  \(spec.meaning)")
                    continue
                }
                let unit = spec.unit.isEmpty ? "" : " [\(spec.unit)]"
                let scope = spec.scope == .setUp ? "  (set-up: events cannot change it)"
                    : spec.scope == .price ? "  (a price: events never change it)" : ""
                print("  \(spec.path): \(spec.type)\(unit)\(Self.shipped(spec, in: shipped))\(scope)")
                print("      \(spec.meaning)")
            }
            if let sector = Sectors.registered.first(where: { $0.type == t }) {
                print("  columns it adds to timeseries.csv:")
                for column in Sectors.docs(sector) { print("  \(column.name) [\(column.unit)]: \(column.meaning)") }
            }
        }
    }

    /// The project's rule file of `type` (nil if it cannot be read).
    static func shippedRules(_ type: String) -> ConfigNode? {
        guard let folder = AgentDefaults.project.folder else { return nil }
        return try? YAMLLoader.load(file: folder + "/\(type).yaml")
    }

    /// "; shipped 8" or "; shipped crypto 1e7, treasury 3e6": the key's value in the project's rule
    /// file (there are no defaults: every key is required).
    static func shipped(_ spec: KeySpec, in file: ConfigNode?) -> String {
        let values = file?.values(at: spec.path) ?? []
        guard !values.isEmpty else { return "" }
        return "; shipped " + values.map { ($0.name.map { $0 + ": " } ?? "") + $0.value.flowText }.joined(separator: ", ")
    }
}
