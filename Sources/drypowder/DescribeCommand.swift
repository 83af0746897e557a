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
                print("  agents: mapping of agent type to rule file, relative to the experiment file; a type not named")
                print("      reads the project's Agents/<type>.yaml (or $DRYPOWDER_AGENTS/<type>.yaml)")
                print("  set: mapping of key.path to value: overrides of any key, applied in order before --set")
                print("  events: list of scenario events, {at: STEP, set: {...}} or {from: STEP, to: STEP, set: {...}};")
                print("      an event may change any key not marked set-up or price")
                print("  replications: integer >= 1; default 1  (drypowder sweep)")
                print("      runs per design point and variant, each (point, replication) with its own seed derived from run.seed")
                print("  variants: mapping of name to {set: {...}, events: [...]}  (drypowder sweep)")
                print("      counterfactuals run on the same seeds as the experiment (variant main); events replace the experiment's")
                print("  sweep: {design: grid | latin_hypercube | sobol, points: N, parameters: {...}}  (drypowder sweep)")
                print("      grid: key.path: [values], or a named group of key.path: [values] moved together;")
                print("      latin_hypercube and sobol: key.path: {min, max, scale: linear | log, integer: true | false}")
                print("  outputs: {tables: [timeseries, flows, events], every: 1, snapshot_every: 0}  (drypowder sweep)")
                print("      per-run tables to write, keep every k-th step, per-agent balance sheets every k steps (0: none)")
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
