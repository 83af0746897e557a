import Config
import Foundation
import Output
import TestSupport
import Testing
@testable import Batch

/// A sweep resumes after a kill at any moment, and refuses files damaged since it wrote them.
@Suite struct SweepRecoveryTests {
    static let batch = """
        replications: 2
        sweep:
          parameters:
            dealer.count: [2, 0]
        outputs: {tables: [timeseries, flows, events], every: 1}
        """

    func context(_ extra: String = batch) throws -> BatchContext {
        try BatchContext(experiment: try Experiment.load(Repository.experiment(steps: 8, retail: 100, extra: extra)), masterSeed: 4)
    }

    func tables(_ dir: String) throws -> [String: Data] {
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".csv") && $0 != "timings.csv" }
        return try Dictionary(uniqueKeysWithValues: files.map { ($0, try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0))) })
    }

    func touch(_ path: String) throws { try Data("x".utf8).write(to: URL(fileURLWithPath: path)) }

    @Test func aSweepKilledBeforeItsPlanWasInPlaceStartsAfresh() throws {
        let c = try context()
        let whole = Repository.temporaryDirectory() + "/whole"
        _ = try Sweep.run(c, into: SweepDirectory(whole), options: .init(jobs: 1))
        for resume in [true, false] {
            let dir = Repository.temporaryDirectory() + "/killed"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try touch(dir + "/.plan.json.partial-\(Processes.endedPID())")
            try touch(dir + "/.dat.nosync1a2b.Xy1z")
            _ = try Sweep.run(c, into: SweepDirectory(dir), options: .init(jobs: 1, resume: resume))
            #expect(try tables(dir) == tables(whole), "resume: \(resume)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }.isEmpty)
        }
        // A temporary of a process still running is somebody else's: the folder is in use.
        let busy = Repository.temporaryDirectory()
        try touch(busy + "/.plan.json.partial-\(getpid())")
        #expect(throws: Sweep.Failure.self) { try Sweep.run(c, into: SweepDirectory(busy), options: .init(jobs: 1, resume: true)) }
    }

    @Test func aSweepKilledRightAfterItsPlanResumes() throws {
        let c = try context()
        let whole = Repository.temporaryDirectory() + "/whole", dir = Repository.temporaryDirectory() + "/killed"
        _ = try Sweep.run(c, into: SweepDirectory(whole), options: .init(jobs: 1))
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: whole + "/plan.json", toPath: dir + "/plan.json")
        _ = try Sweep.run(c, into: SweepDirectory(dir), options: .init(jobs: 1, resume: true))
        #expect(try tables(dir) == tables(whole))
    }

    @Test func resumeRefusesAPartDamagedSinceItWasWritten() throws {
        let c = try context()
        let dir = Repository.temporaryDirectory() + "/s"
        #expect(throws: Sweep.Failure.self) { try Sweep.run(c, into: SweepDirectory(dir), options: .init(jobs: 1, failFast: true)) }
        let part = dir + "/parts/1/timeseries.csv"
        let text = try String(contentsOfFile: part, encoding: .utf8)
        try String(text.dropLast(40)).write(toFile: part, atomically: false, encoding: .utf8)
        do {
            _ = try Sweep.run(c, into: SweepDirectory(dir), options: .init(jobs: 1, resume: true))
            Issue.record("a damaged part was accepted")
        } catch let failure as Sweep.Failure {
            #expect(failure.description.hasPrefix(part) && failure.description.contains("manifest records"), "\(failure)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/manifest.json"))
    }

    @Test func mergeRefusesATruncatedShardTable() throws {
        let c = try context()
        let shards = try (1...2).map { i -> String in
            let out = Repository.temporaryDirectory() + "/shard\(i)"
            _ = try Sweep.run(c, into: SweepDirectory(out), options: .init(jobs: 1, shard: (i, 2)))
            return out
        }
        let path = shards[0] + "/timeseries.csv"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count - 100).write(to: URL(fileURLWithPath: path))
        let merged = Repository.temporaryDirectory() + "/merged"
        do {
            _ = try Merge.merge(shards, into: merged)
            Issue.record("a truncated shard was merged")
        } catch let failure as Merge.Failure {
            #expect(failure.description.contains(path), "\(failure)")
        }
        #expect(!FileManager.default.fileExists(atPath: merged + "/timeseries.csv") && !FileManager.default.fileExists(atPath: merged + "/manifest.json"))
        // Mended, the same merge into the same folder completes (a failed or killed merge is redone).
        try data.write(to: URL(fileURLWithPath: path))
        #expect(try Merge.merge(shards, into: merged) == c.plan.count)
    }
}
