import Foundation

/// The crash test's hook (`DRYPOWDER_CRASH_AT`, Tests/Crash/crash-test.sh): every operation of the
/// door counts, and the N-th kills the process before it happens.
extension Disk {
    private static let crashAt: Int? = ProcessInfo.processInfo.environment["DRYPOWDER_CRASH_AT"].flatMap { Int($0) }
    private static let operations = Counter()

    /// Kills the process before its `DRYPOWDER_CRASH_AT`-th operation (never, without the variable).
    static func crashPoint() {
        guard let crashAt else { return }
        if operations.next() == crashAt { kill(getpid(), SIGKILL) }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            count += 1
            return count
        }
    }
}
