import Foundation
import Simulation

/// `jobs` threads taking runs from one queue in run_id order. The only shared state is this
/// object's counters, behind a lock; each run owns its world and its files.
final class WorkerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: ArraySlice<Int>
    private var done = 0, failed = 0, halted = 0
    private let total: Int, resumed: Int
    private let started: Date
    private let failFast: Bool
    private let progress: @Sendable (Sweep.Status) -> Void
    /// A write failure: stops every thread.
    private(set) var fatal: (any Error)?
    /// The first run not ok when `failFast` stopped the pool.
    private(set) var stoppedAt: (run: Int, error: String)?

    init(todo: [Int], total: Int, resumed: Int, started: Date, failFast: Bool, progress: @escaping @Sendable (Sweep.Status) -> Void) {
        (queue, self.total, self.resumed, self.started, self.failFast, self.progress) = (todo[...], total, resumed, started, failFast, progress)
        done = resumed
    }

    /// Runs `work` on every queued run; `work` returns how the run ended and why.
    func run(jobs: Int, _ work: @escaping @Sendable (Int) throws -> (status: RunStatus, error: String)) {
        report()
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(queue.count, 1)) {
            group.enter()
            let thread = Thread { [self] in
                while let id = take() {
                    do {
                        let (status, error) = try work(id)
                        finish(id, status: status, error: error)
                    } catch {
                        stop(error)
                    }
                }
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard fatal == nil, stoppedAt == nil else { return nil }
        return queue.popFirst()
    }

    private func finish(_ id: Int, status: RunStatus, error: String) {
        lock.lock()
        done += 1
        if status != .ok { failed += 1 } else if !error.isEmpty { halted += 1 }
        if status != .ok && failFast && stoppedAt == nil { stoppedAt = (id, "\(status.rawValue): \(error)") }
        lock.unlock()
        report()
    }

    private func stop(_ error: any Error) {
        lock.lock()
        if fatal == nil { fatal = error }
        lock.unlock()
    }

    private func report() {
        lock.lock()
        let status = Sweep.Status(done: done, failed: failed, halted: halted, total: total, resumed: resumed,
                                  elapsed: Date().timeIntervalSince(started))
        lock.unlock()
        progress(status)
    }
}
