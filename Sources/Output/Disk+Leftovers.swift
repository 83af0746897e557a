import Foundation

/// What killed processes leave behind: temporaries named after the process that made them.
extension Disk {
    /// A temporary entry another drypowder process made in `directory`: `.NAME.partial-PID` (being
    /// written) or `.NAME.old-PID` (a finished run being replaced), with the name and process id.
    public struct Leftover: Sendable {
        public let entry: String
        public let name: String
        public let kind: String
        public let pid: Int32
        /// The process that made it has ended, so nobody will finish or remove it.
        public var isAbandoned: Bool { !Disk.isRunning(pid) }
    }

    /// The temporary entries in `directory`, every one or those of `name` only.
    public static func leftovers(in directory: String, of name: String? = nil) -> [Leftover] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.sorted().compactMap { entry in
            guard entry.hasPrefix("."), let dash = entry.lastIndex(of: "-"), let pid = Int32(entry[entry.index(after: dash)...]) else {
                return nil
            }
            let stem = entry[entry.index(after: entry.startIndex)..<dash]
            for kind in ["partial", "old"] where stem.hasSuffix("." + kind) {
                let base = String(stem.dropLast(kind.count + 1))
                guard !base.isEmpty, name == nil || base == name else { return nil }
                return Leftover(entry: entry, name: base, kind: kind, pid: pid)
            }
            return nil
        }
    }

    /// Whether process `pid` exists (it may be another program that reused the number: then its
    /// leftovers wait for a later clean-up, which is safe).
    public static func isRunning(_ pid: Int32) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }
}
