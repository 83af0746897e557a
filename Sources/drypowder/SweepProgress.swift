import Batch
import Foundation

/// A sweep's progress on stderr: a live bar on a terminal (runs done/total, rate, ETA, failures),
/// otherwise a plain line every 10 seconds and at the end. Called from worker threads.
final class SweepProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let terminal: Bool
    private var lastShown = Date.distantPast
    private var last: Sweep.Status?

    init(enabled: Bool) {
        self.enabled = enabled
        terminal = isatty(STDERR_FILENO) == 1
    }

    func update(_ status: Sweep.Status) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        last = status
        let now = Date()
        let interval: TimeInterval = terminal ? 0.2 : 10
        guard now.timeIntervalSince(lastShown) >= interval || status.done == status.total else { return }
        lastShown = now
        write(status)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if enabled && terminal && last != nil { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func write(_ s: Sweep.Status) {
        let new = s.done - s.resumed
        let rate = s.elapsed > 0 ? Double(new) / s.elapsed : 0
        let eta = rate > 0 ? Self.clock(Double(s.total - s.done) / rate) : "--:--"
        let text = "\(s.done)/\(s.total) runs, \(String(format: "%.2f", rate)) runs/s, ETA \(eta), \(s.failed) failed, "
            + "\(s.halted) with halts"
        if terminal {
            let width = 30, filled = s.total > 0 ? width * s.done / s.total : width
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(text)\u{1B}[K".utf8))
        } else {
            FileHandle.standardError.write(Data("sweep: \(text)\n".utf8))
        }
    }

    private static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
