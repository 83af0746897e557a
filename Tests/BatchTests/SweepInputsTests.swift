import Batch
import Config
import Foundation
import TestSupport
import Testing

/// A sweep folder keeps copies of the experiment (with its bases) and of every rule file it ran, as they
/// were when it started: a later edit to the originals changes neither the copies nor a resumed sweep's.
@Suite struct SweepInputsTests {
    @Test func aSweepKeepsItsExperimentAndRuleFiles() throws {
        let base = Repository.experiment("base", steps: 5, retail: 100)
        let dir = PathText.directory(of: base)
        let rules = dir + "/speculator.yaml"
        try FileManager.default.copyItem(atPath: Repository.path("Agents/speculator.yaml"), toPath: rules)
        let path = dir + "/mine.yaml"
        try "base: base.yaml\nagents:\n  speculator: speculator.yaml\nreplications: 2\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let out = Repository.temporaryDirectory() + "/sweep"
        let context = try BatchContext(experiment: try Experiment.load(path), masterSeed: 1)
        _ = try Sweep.run(context, into: SweepDirectory(out), options: .init(jobs: 1))
        func copy(_ file: String) -> Data? { FileManager.default.contents(atPath: out + "/inputs/" + file) }
        #expect(copy("experiments/mine.yaml") == FileManager.default.contents(atPath: path))
        #expect(copy("experiments/base.yaml") == FileManager.default.contents(atPath: base))
        #expect(copy("agents/speculator.yaml") == FileManager.default.contents(atPath: rules))
        #expect(copy("agents/market.yaml") == FileManager.default.contents(atPath: Repository.path("Agents/market.yaml")))
        // Edited afterwards (a comment: the same configuration), the originals leave the copies alone.
        let original = try #require(copy("agents/speculator.yaml"))
        try (try String(contentsOfFile: rules, encoding: .utf8) + "# edited\n").write(toFile: rules, atomically: true, encoding: .utf8)
        let again = try BatchContext(experiment: try Experiment.load(path), masterSeed: 1)
        _ = try Sweep.run(again, into: SweepDirectory(out), options: .init(jobs: 1, resume: true))
        #expect(copy("agents/speculator.yaml") == original)
    }
}
