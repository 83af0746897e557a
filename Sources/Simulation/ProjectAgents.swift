import Config
import Foundation

extension AgentDefaults {
    /// The project's rule files: the folder `$DRYPOWDER_AGENTS` names, or else the `Agents` folder of
    /// the checkout this program was built from.
    public static var project: AgentDefaults {
        if let folder = ProcessInfo.processInfo.environment["DRYPOWDER_AGENTS"], !folder.isEmpty {
            return AgentDefaults(types: Rules.agentTypes, folder: folder, origin: "DRYPOWDER_AGENTS")
        }
        return AgentDefaults(types: Rules.agentTypes, folder: projectAgents, origin: "the project's Agents folder")
    }

    /// `<checkout>/Agents`, from this file's place in the checkout (`Sources/Simulation/`).
    private static let projectAgents: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Agents").path
    }()
}

extension Experiment {
    /// Loads `path`, each agent type it does not name read from the project's rule files.
    public static func load(_ path: String, overrides: [Override] = []) throws(ConfigErrors) -> Experiment {
        try load(path, overrides: overrides, defaults: .project)
    }
}
