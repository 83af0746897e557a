import Foundation
import Output
import Simulation

/// Runs a batch into a sweep directory: the plan and design first, then the runs on `jobs` threads,
/// each into its own part as it finishes (memory holds one world per thread, never the results),
/// then the tables assembled in run_id order, so the bytes do not depend on `jobs`.
public enum Sweep {
    public struct Options: Sendable {
        public var jobs: Int
        /// `(index, count)`, 1-based: run only this shard's (point, replication) groups.
        public var shard: (index: Int, count: Int)?
        public var resume: Bool
        public var failFast: Bool

        public init(jobs: Int, shard: (index: Int, count: Int)? = nil, resume: Bool = false, failFast: Bool = false) {
            (self.jobs, self.shard, self.resume, self.failFast) = (jobs, shard, resume, failFast)
        }
    }

    /// Where a sweep stands, for progress displays.
    public struct Status: Sendable {
        public let done: Int
        /// Runs this process finished that stopped or were invalid.
        public let failed: Int
        /// Runs this process finished ok in which some market halted at its daily limit.
        public let halted: Int
        public let total: Int
        /// Runs already finished when this process started (`--resume`).
        public let resumed: Int
        public let elapsed: TimeInterval
    }

    public struct Outcome: Sendable {
        public let runs: Int
        /// Runs of runs.csv by status (ok, failed, invalid).
        public let statuses: [RunStatus: Int]
        public let wallSeconds: Double
        /// True when `--resume` found the sweep already finished.
        public let alreadyFinished: Bool
    }

    public enum Failure: Error, CustomStringConvertible {
        /// The directory holds something else, or cannot be written (permissions, a missing parent).
        case unusableDirectory(String)
        /// A file the sweep wrote earlier no longer matches what was recorded of it.
        case damaged(String, String)
        /// `--fail-fast` stopped the sweep at a failed run; the finished runs are kept for `--resume`.
        case stopped(run: Int, error: String)
        case write(String)

        public var description: String {
            switch self {
            case let .unusableDirectory(why): return why
            case let .damaged(path, why): return "\(path) \(why)"
            case let .stopped(run, error): return "run \(run) failed: \(error); stopped (--fail-fast). Finished runs are kept: fix the cause and rerun with --resume"
            case let .write(why): return "cannot write output: \(why)"
            }
        }
    }

    public static func run(_ context: BatchContext, into directory: SweepDirectory, options: Options,
                           progress: @escaping @Sendable (Status) -> Void = { _ in }) throws -> Outcome {
        let started = Date()
        _ = Manifest.gitCommit  // read now: the checkout's state when the sweep starts
        let shard = options.shard ?? (1, 1)
        let mine = context.plan.runs(shard: shard.index, of: shard.count)
        let planJSON = SweepPlanFile(context: context, shard: shard, runs: mine.count)
        if try prepare(directory, plan: planJSON, context: context, resume: options.resume) {
            return Outcome(runs: mine.count, statuses: [:], wallSeconds: 0, alreadyFinished: true)
        }
        let finished = directory.finishedRuns()
        let todo = mine.filter { !finished.contains($0) }
        let pool = WorkerPool(todo: todo, total: mine.count, resumed: mine.count - todo.count, started: started,
                              failFast: options.failFast, progress: progress)
        pool.run(jobs: max(1, options.jobs)) { id in
            let run = context.plan.run(id)
            let part = try directory.part(id)
            let (status, error, wall) = try RunJob.execute(run, context: context, into: part)
            try part.commit()
            try directory.journal("\(id) \(status.rawValue) \(wall)")
            return (status, error)
        }
        if let fatal = pool.fatal { throw Failure.write("\(fatal)") }
        if let (run, error) = pool.stoppedAt { throw Failure.stopped(run: run, error: error) }

        var statuses: [RunStatus: Int] = [:], wall = 0.0
        try write(directory) {
            let (tables, counts) = try Assembly.assemble(directory, runs: mine, headers: context.headers)
            (statuses, wall) = (counts, Date().timeIntervalSince(started))
            try SweepManifest(context: context, shard: shard, runs: mine.count, statuses: statuses, jobs: options.jobs,
                              startedAt: started, wallSeconds: wall, files: Assembly.files(context.headers), tables: tables)
                .write(to: directory)
        }
        Assembly.removeParts(directory)
        return Outcome(runs: mine.count, statuses: statuses, wallSeconds: wall, alreadyFinished: false)
    }

    /// Creates the directory with its plan and design, or checks that `--resume` continues the same
    /// plan, cleaning up what killed processes left. Returns true when the sweep there is already
    /// finished. plan.json is written first, so a kill at any moment leaves a directory that is
    /// either still empty of anything but temporaries or marked as this sweep's.
    private static func prepare(_ directory: SweepDirectory, plan: SweepPlanFile, context: BatchContext, resume: Bool) throws -> Bool {
        let fm = FileManager.default
        let planPath = directory.path("plan.json")
        let temporaries = directory.abandonedTemporaries()
        if fm.fileExists(atPath: planPath) {
            guard resume else {
                throw Failure.unusableDirectory("\(directory.root.path) holds a sweep; rerun with --resume to continue it, or choose a new --out")
            }
            let existing = (try? String(contentsOfFile: planPath, encoding: .utf8)) ?? ""
            guard existing == plan.text else {
                throw Failure.unusableDirectory("\(directory.root.path) holds a different sweep (plan.json differs: another configuration, seed or shard); use a new --out")
            }
            try write(directory) {
                for path in temporaries { try Disk.remove(path) }
                guard !directory.isFinished else {
                    Assembly.removeParts(directory)  // a kill between the manifest and the clean-up
                    return
                }
                try Disk.makeDirectory(directory.parts.path)
                if !fm.fileExists(atPath: directory.path("design.csv")) { try Assembly.writeDesign(context, to: directory) }
                try SweepInputs.write(context.experiment, to: directory)
            }
            if directory.isFinished { return true }
            try directory.verifyParts()
            return false
        }
        let entries = ((try? fm.contentsOfDirectory(atPath: directory.root.path)) ?? [])
            .filter { !temporaries.contains(directory.path($0)) }
        if !entries.isEmpty {
            throw Failure.unusableDirectory(resume
                ? "\(directory.root.path) is not empty and has no plan.json: not a sweep directory"
                : "\(directory.root.path) is not empty; choose a new --out")
        }
        try write(directory) {
            for path in temporaries { try Disk.remove(path) }
            try Disk.makeDirectory(directory.root.path)
            try directory.writeAtomically(plan.text, to: "plan.json")
            try Disk.makeDirectory(directory.parts.path)
            try Assembly.writeDesign(context, to: directory)
            try SweepInputs.write(context.experiment, to: directory)
        }
        return false
    }

    /// Runs `body`, reporting a failure to write as `Failure.write`, or as an unusable directory when
    /// the place itself is wrong (permissions, a missing parent, a read-only file system).
    private static func write(_ directory: SweepDirectory, _ body: () throws -> Void) throws {
        do { try body() } catch let failure as Failure {
            throw failure
        } catch let failure as Disk.Failure where failure.isUsage {
            throw Failure.unusableDirectory("\(failure)")
        } catch {
            throw Failure.write("\(error)")
        }
    }
}
