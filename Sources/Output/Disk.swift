import Foundation
internal import CFileSystem

/// The one door to the disk for every file drypowder leaves for its users (run, sweep, merge and
/// analyze directories). Each operation
/// - says which file and why when it fails (`Disk.Failure`: "cannot write F: no space left on device");
/// - is durable: files are fsynced before they are renamed into place, and a directory after an entry
///   in it is created, renamed or removed;
/// - is a crash point: with `DRYPOWDER_CRASH_AT=N` in the environment the process kills itself (SIGKILL)
///   just before its N-th create, write, rename, mkdir or remove. `make test-crash` kills a sweep and a
///   run at every one in turn (scripts/crash-test.sh).
public enum Disk {
    public struct Failure: Error, CustomStringConvertible {
        public let action: String
        public let path: String
        public let code: Int32

        /// "no space left on device", "permission denied", ...
        public var reason: String {
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }

        public var description: String { "cannot \(action) \(path): \(reason)" }

        /// A problem with the place the user chose (fix the path or permissions), not with the run.
        public var isUsage: Bool { [EACCES, EPERM, ENOENT, ENOTDIR, EEXIST, EROFS, EISDIR, ENOTEMPTY].contains(code) }
    }

    /// A file open for writing.
    public final class File {
        public let path: String
        private var fd: Int32

        /// Creates `path` (empty, replacing a file there), or opens it to append to.
        public init(creating path: String, appending: Bool = false) throws {
            self.path = path
            Disk.crashPoint()
            let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC)
            fd = open(path, flags, 0o644)
            guard fd >= 0 else { throw Failure(action: "create", path: path, code: errno) }
        }

        deinit { if fd >= 0 { Glibc.close(fd) } }

        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            Disk.crashPoint()
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw Failure(action: "write", path: path, code: n < 0 ? errno : ENOSPC) }
                done += n
            }
        }

        public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

        /// Empties the file.
        public func truncate() throws {
            Disk.crashPoint()
            guard ftruncate(fd, 0) == 0 else { throw Failure(action: "truncate", path: path, code: errno) }
        }

        /// Flushes the file to the device and closes it; `sync` false only closes.
        public func close(sync: Bool = true) throws {
            guard fd >= 0 else { return }
            defer { fd = -1 }
            if sync && fdatasync(fd) != 0 {
                let code = errno
                Glibc.close(fd)
                throw Failure(action: "write", path: path, code: code)
            }
            guard Glibc.close(fd) == 0 else { throw Failure(action: "write", path: path, code: errno) }
        }
    }

    /// Writes `bytes` to `path` and syncs it (not atomic: for files inside a directory that is itself
    /// renamed into place).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try File(creating: path)
        try file.write(bytes)
        try file.close()
    }

    /// Puts `bytes` at `path` atomically: written and synced under a temporary name, then renamed.
    public static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = temporaryPath(for: path)
        try write(bytes, to: temporary)
        try rename(temporary, to: path)
    }

    /// `.NAME.partial-PID` beside `path`: where this process writes what it renames to `path`.
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())").path
    }

    /// rename(2), then syncs the directories involved (`durable` false: not, for a rename that, if a
    /// power cut undid it, would only be redone, such as a sweep's part).
    public static func rename(_ from: String, to: String, durable: Bool = true) throws {
        crashPoint()
        guard Glibc.rename(from, to) == 0 else { throw Failure(action: "rename \(from) to", path: to, code: errno) }
        if durable { try syncParents(of: [from, to]) }
    }

    /// Swaps two existing entries in one atomic step. Returns false, having done nothing, where the
    /// kernel or file system cannot.
    public static func exchange(_ a: String, _ b: String) throws -> Bool {
        crashPoint()
        guard drypowder_rename_exchange(a, b) == 0 else {
            if errno == ENOSYS || errno == EINVAL || errno == ENOTSUP { return false }
            throw Failure(action: "exchange \(a) with", path: b, code: errno)
        }
        try syncParents(of: [a, b])
        return true
    }

    /// Creates `path` and any missing parents (nothing to do if it is a directory already); `durable`
    /// false does not sync the parent, for a temporary folder that is renamed into place later.
    public static func makeDirectory(_ path: String, durable: Bool = true) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Failure(action: "create directory", path: path, code: ENOTDIR) }
            return
        }
        let parent = parent(of: path)
        if parent != URL(fileURLWithPath: path).path { try makeDirectory(parent) }
        crashPoint()
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw Failure(action: "create directory", path: path, code: errno)
        }
        if durable { try syncParents(of: [path]) }
    }

    /// Removes a file or a directory with its contents; nothing to do if it is not there.
    public static func remove(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        crashPoint()
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw Failure(action: "remove", path: path, code: posixCode(error))
        }
        try syncParents(of: [path])
    }

    /// The absolute path of the folder holding `path` (relative paths are taken from the current folder).
    public static func parent(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// fsync(2) of a directory, so the entries created, renamed or removed in it survive a crash.
    public static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(action: "open directory", path: path, code: errno) }
        defer { Glibc.close(fd) }
        guard fsync(fd) == 0 || errno == EINVAL else { throw Failure(action: "sync directory", path: path, code: errno) }
    }

    /// The errno behind a Foundation error (EIO when it carries none).
    static func posixCode(_ error: any Error) -> Int32 {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        return EIO
    }

    private static func syncParents(of paths: [String]) throws {
        var synced: Set<String> = []
        for path in paths {
            let parent = parent(of: path)
            if synced.insert(parent).inserted { try syncDirectory(parent) }
        }
    }

    // MARK: what killed processes leave behind

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

    // MARK: crash points

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
