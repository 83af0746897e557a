/// The reserved top-level keys of an experiment file, documented where they are defined: the loader
/// removes exactly these from the experiment's settings, and `drypowder describe experiment` prints
/// them. Accepted values that are enumerations are spelled from the enumerations themselves.
public enum ExperimentKeys {
    public struct Key: Sendable {
        public let name: String
        /// Accepted values.
        public let form: String
        public let meaning: String
        /// Read by `drypowder sweep` only (a single run ignores it).
        public let batch: Bool
    }

    public static let all: [Key] = [
        Key(name: "base", form: "path of another experiment file, relative to this one",
            meaning: "start from that experiment: this file's keys replace its keys, but set, agents, variants, run "
                + "and outputs merge key by key (this file's set: entries apply after the base's)", batch: false),
        Key(name: "agents", form: "mapping of agent type to rule file, relative to the experiment file",
            meaning: "the types whose rules differ from the project's; a type not named reads the project's "
                + "Agents/<type>.yaml (or $DRYPOWDER_AGENTS/<type>.yaml)", batch: false),
        Key(name: "set", form: "mapping of key.path to value",
            meaning: "overrides of any key, applied in order before --set", batch: false),
        Key(name: "events", form: "list of {at: STEP, set: {...}} or {from: STEP, to: STEP, set: {...}}",
            meaning: "scenario events; an event may change any key not marked set-up or price", batch: false),
        Key(name: "replications", form: "integer >= 1; 1 when absent",
            meaning: "runs per design point and variant, each (point, replication) with its own seed derived from "
                + "run.seed",
            batch: true),
        Key(name: "variants", form: "mapping of name to {set: {...}, events: [...]}",
            meaning: "counterfactuals run on the same seeds as the experiment (variant main); events replace the "
                + "experiment's",
            batch: true),
        Key(name: "sweep", form: "{design: \(names(BatchSpec.Design.self)), points: N, seeds: per_point | shared, "
                + "parameters: {...}}",
            meaning: "grid: key.path: [values], or a named group of key.path: [values] moved together; latin_hypercube, "
                + "sobol and saltelli: key.path: {min, max, scale: linear | log, integer: true | false} (saltelli: points is "
                + "the base sample N, run as N (k + 2) points for Sobol indices: `drypowder sensitivity`); seeds: shared runs "
                + "replication r of every point on one seed (common random numbers across the design)", batch: true),
        Key(name: "outputs", form: "{tables: [\(BatchSpec.Table.allCases.map(\.rawValue).joined(separator: ", "))], "
                + "every: 1, snapshot_every: 0} when absent",
            meaning: "per-run tables to write, keep every k-th step, per-agent balance sheets every k steps (0: none)",
            batch: true),
    ]

    private static func names<T: RawRepresentable & CaseIterable>(_: T.Type) -> String where T.RawValue == String {
        T.allCases.map(\.rawValue).joined(separator: " | ")
    }
}
