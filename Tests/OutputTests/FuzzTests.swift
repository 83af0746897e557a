import Config
import Economy
import Foundation
import Simulation
import Stochastics
import TestSupport
import Testing
@testable import Output

/// Random valid configurations, drawn inside the ranges `drypowder describe` gives (a few keys of the
/// shipped files changed at a time, often to the very ends of their ranges), each run for a few steps
/// into real files. Each must either be rejected at load with a file:line:key error, or run: to the
/// end (ok, its markets perhaps halted), or stopped by a non-finite value caught where it arose. Never a trap,
/// never a NaN or infinity in a table, never an accounting violation.
@Suite struct FuzzTests {
    /// 240 in CI; `DRYPOWDER_FUZZ_CONFIGURATIONS` and `DRYPOWDER_FUZZ_SEED` set a longer or other search.
    static let configurations = ProcessInfo.processInfo.environment["DRYPOWDER_FUZZ_CONFIGURATIONS"].flatMap { Int($0) } ?? 240
    static let seed = ProcessInfo.processInfo.environment["DRYPOWDER_FUZZ_SEED"].flatMap { UInt64($0) } ?? 2026

    /// Largest value drawn for counts, so that the runs stay short (the ranges allow millions).
    static let countCaps: [String: Double] = ["retail.count": 2000, "count": 40]

    /// Keys left out: the length of the run (kept short) and the seed.
    static let skipped: Set<String> = ["run.steps", "run.seed"]

    struct Key {
        let path: String
        let bound: Bound
        let integer: Bool
    }

    /// Every numeric key of every agent type, named sections expanded to the names the shipped files use.
    static func keys(_ experiment: Experiment) -> [Key] {
        Rules.agentTypes.flatMap { type -> [Key] in
            let rules = experiment.agents.first { $0.type == type }!.rules
            return (Rules.describe(type) ?? []).flatMap { spec -> [Key] in
                guard let bound = spec.bound else { return [] }
                let parts = spec.path.split(separator: ".").map(String.init)
                var paths = [[String]()]
                for part in parts {
                    if part == "<name>" {
                        paths = paths.flatMap { prefix in
                            let node = prefix.reduce(Optional(rules)) { $0?.mapping?[$1] }
                            return (node?.mapping?.entries.map(\.key) ?? []).map { prefix + [$0] }
                        }
                    } else {
                        paths = paths.map { $0 + [part] }
                    }
                }
                return paths.map { Key(path: "\(type).\($0.joined(separator: "."))", bound: bound, integer: spec.type.hasPrefix("integer")) }
            }
        }.filter { !skipped.contains($0.path) }
    }

    /// A value inside `key`'s range: one of its ends a third of the time, else uniform, or log-uniform
    /// over a range of more than three decades.
    static func value(_ key: Key, _ stream: RandomStream) -> String {
        var (low, high) = (key.bound.lowerLimit, key.bound.upperLimit)
        let name = key.path.split(separator: ".").last.map(String.init) ?? ""
        if key.integer, let cap = countCaps[key.path] ?? countCaps[name] { high = min(high, max(cap, low)) }
        if case .openClosed = key.bound { low = low.nextUp }
        if case .positive = key.bound { low = low.nextUp }
        let u = stream.uniform()
        var x: Double
        if u < 1.0 / 6 { x = low } else if u < 1.0 / 3 { x = high } else if low > 0 && high / low > 1e3 {
            x = Foundation.exp(stream.uniform(Foundation.log(low), Foundation.log(high)))
        } else if low == 0 && high > 1e3 {
            x = Foundation.exp(stream.uniform(Foundation.log(1e-3), Foundation.log(high)))
        } else {
            x = stream.uniform(low, high)
        }
        x = min(max(x, low), high)
        return key.integer ? String(Int(x.rounded(.down))) : "\(x)"
    }

    enum Outcome: String, CaseIterable {
        case ok, halted = "ok with halts", configError = "config error", nonFinite = "non-finite value caught"
        case accounting = "accounting violation", nanInTable = "NaN in a table", other = "other error"
    }

    @Test func randomValidConfigurationsRunOrAreRejectedClearly() throws {
        let file = Repository.experiment("fuzz", steps: 25, retail: 300)
        let keys = Self.keys(try Experiment.load(file))
        let stream = RandomStream(seed: Seed(Self.seed).child("fuzz"))
        var counts: [Outcome: Int] = [:], examples: [Outcome: String] = [:]
        for _ in 0..<Self.configurations {
            let chosen = (0..<(1 + Int(stream.uniform() * 4))).map { _ in keys[Int(stream.uniform() * Double(keys.count))] }
            let settings = chosen.map { "\($0.path)=\(Self.value($0, stream))" }
            let outcome: Outcome
            var detail = ""
            do {
                let overrides = try settings.map { (text) throws(ConfigErrors) in try Override.parse(commandLine: text) }
                let experiment = try Experiment.load(file, overrides: overrides)
                let scenario = try Scenario(experiment)
                let out = Repository.temporaryDirectory()
                let (_, summary) = try RunWriter.write(experiment, scenario: scenario, seed: 1, outDirectory: out)
                outcome = summary.health.halts == 0 ? .ok : .halted
                try? FileManager.default.removeItem(atPath: out)
            } catch let error as ConfigErrors {
                outcome = .configError
                detail = error.description
                #expect(error.errors.allSatisfy { "\($0)".contains(": error: ") }, "not a file:line:key error: \(error)")
            } catch let error as OutputError {
                (outcome, detail) = (.nanInTable, "\(error)")
            } catch let error as AccountingViolation {
                (outcome, detail) = (.accounting, "\(error)")
            } catch let error as NumericalFailure {
                (outcome, detail) = (.nonFinite, "\(error)")
            } catch let error as ClearingFailure {
                (outcome, detail) = (.nonFinite, "\(error)")
            } catch {
                (outcome, detail) = (.other, "\(error)")
            }
            counts[outcome, default: 0] += 1
            if examples[outcome] == nil { examples[outcome] = settings.joined(separator: " ") + (detail.isEmpty ? "" : " -> " + detail) }
            for bad in [Outcome.accounting, .nanInTable, .other] where outcome == bad {
                Issue.record("\(bad.rawValue) for --set \(settings.joined(separator: " --set ")): \(detail)")
            }
        }
        let line = Outcome.allCases.map { "\(counts[$0, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
        print("fuzz: \(Self.configurations) configurations: \(line)")
        for (outcome, example) in examples.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { print("fuzz: e.g. \(outcome.rawValue): \(example)") }
        #expect(counts[.ok, default: 0] > Self.configurations / 4, "most configurations should run")
    }
}
