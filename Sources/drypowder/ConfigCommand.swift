import ArgumentParser
import Config
import Simulation

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Explain where a key's value comes from: the rule file, the experiment's set:, --set and events.",
        discussion: """
            Prints the value the key has before any event, then each layer that sets it in the order they \
            apply, with the file and line where it is written. An edit to a layer changes nothing while a \
            later layer sets the key (an event only over its steps).
            """)

    @Argument(help: "The experiment file.")
    var experiment: String

    @Option(name: .long,
            help: ArgumentHelp("The key to explain, e.g. retail.leveraged_fraction.", valueName: "key.path"))
    var explain: String

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("An override as run would apply it, e.g. --set retail.count=20000.",
                               valueName: "key.path=value"))
    var overrides: [String] = []

    func run() throws {
        let (loaded, _) = try loadExperiment(experiment, overrides: overrides)
        do {
            let (value, layers) = try loaded.explain(explain)
            print("\(explain) = \(value) before any event")
            let width = layers.map(\.value.count).max() ?? 0
            for layer in layers {
                let value = layer.value.padding(toLength: width, withPad: " ", startingAt: 0)
                print("  \(value)  \(layer.location)  \(layer.kind)")
            }
        } catch {
            throw UsageFailure(message: error.description)
        }
    }
}
