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

    /// Writes `bytes` to `path` and syncs it (not atomic: for files inside a directory that is itself
    /// renamed into place).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try File(creating: path)
        try file.write(bytes)
        try file.close()
    }

    /// Puts `bytes` at `path` atomically: written and synced under a temporary name, then renamed.
    public static func replace(_ path: String, with bytes: [UInt8]) throws {
        try replace(path) { try write(bytes, to: $0) }
    }

    /// Puts at `path` atomically the file `body` writes (and syncs) at the temporary path it is given,
    /// then renamed into place; on failure the temporary is removed. Returns what `body` returns.
    @discardableResult
    public static func replace<T>(_ path: String, writing body: (String) throws -> T) throws -> T {
        let temporary = temporaryPath(for: path)
        do {
            let result = try body(temporary)
            try rename(temporary, to: path)
            return result
        } catch {
            try? remove(temporary)
            throw error
        }
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
}
