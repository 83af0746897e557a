import Config
import Simulation
import Synchronization

/// The scenarios built last, by design point and variant. Every replication of a point runs the same
/// scenario, and building one (reading and checking every rule) costs about as much as three steps of a
/// small run. Runs go point by point, so a few points' worth is enough; the oldest entry leaves first.
final class ScenarioCache: Sendable {
    private struct Key: Equatable { let point, variant: Int }
    private let entries = Mutex<[(key: Key, scenario: Scenario)]>([])
    private let capacity: Int

    init(variants: Int) { capacity = 16 * variants }

    /// The scenario of (`point`, `variant`), built by `build` unless it is held. Failures are not held.
    func scenario(point: Int, variant: Int, build: () throws(ConfigErrors) -> Scenario)
        throws(ConfigErrors) -> Scenario {
        let key = Key(point: point, variant: variant)
        if let held = entries.withLock({ $0.first { $0.key == key }?.scenario }) { return held }
        let built = try build()
        entries.withLock { entries in
            guard !entries.contains(where: { $0.key == key }) else { return }
            entries.append((key, built))
            if entries.count > capacity { entries.removeFirst() }
        }
        return built
    }
}
