import Foundation

/// A run's output directory, written atomically: files go into a hidden `.NAME.partial-PID` sibling
/// and only a complete run takes the name `NAME`, in one step (an atomic exchange with the previous
/// run there, where the file system can). A failed or killed run leaves nothing at `NAME` that could
/// pass for finished, and a previous finished run there survives until the new one replaces it.
/// What killed runs left behind is cleaned up by the next run of the same name.
public struct RunDirectory {
    public let final: URL
    public let staging: URL

    /// A run `name` in `parent`; unless `replace`, a finished run already there is an error (`Exists`),
    /// raised before anything is written.
    public init(parent: String, name: String, replace: Bool = true) throws {
        let parentURL = URL(fileURLWithPath: parent, isDirectory: true)
        final = parentURL.appendingPathComponent(name, isDirectory: true)
        staging = URL(fileURLWithPath: Disk.temporaryPath(for: final.path), isDirectory: true)
        try Disk.makeDirectory(parent)
        try Self.recover(parent: parent, name: name)
        if !replace, FileManager.default.fileExists(atPath: final.path) { throw Exists(path: final.path) }
        try Disk.remove(staging.path)
        try Disk.makeDirectory(staging.path)
    }

    public func path(_ file: String) -> String { staging.appendingPathComponent(file).path }

    /// A finished run is where a new one would go, and replacing it was not asked for.
    public struct Exists: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "\(path) holds a finished run: pass --replace to replace it, or --out another folder"
        }
    }

    /// Moves the finished run into place, replacing an earlier run of the same name.
    public func commit() throws {
        try Disk.syncDirectory(staging.path)
        guard FileManager.default.fileExists(atPath: final.path) else {
            try Disk.rename(staging.path, to: final.path)
            return
        }
        if try Disk.exchange(staging.path, final.path) {
            try Disk.remove(staging.path)  // now the previous run
            return
        }
        // No atomic exchange here: set the previous run aside under a name `recover` restores.
        let old = final.deletingLastPathComponent().appendingPathComponent(".\(final.lastPathComponent).old-\(getpid())").path
        try Disk.rename(final.path, to: old)
        try Disk.rename(staging.path, to: final.path)
        try Disk.remove(old)
    }

    /// Removes everything written; call when the run fails.
    public func discard() {
        try? Disk.remove(staging.path)
    }

    /// Cleans up after runs of `name` that were killed: a finished run set aside (`.NAME.old-PID`) is
    /// put back if nothing took its place, and abandoned partial directories are removed.
    static func recover(parent: String, name: String) throws {
        let final = URL(fileURLWithPath: parent).appendingPathComponent(name).path
        for leftover in Disk.leftovers(in: parent, of: name) where leftover.isAbandoned {
            let path = URL(fileURLWithPath: parent).appendingPathComponent(leftover.entry).path
            if leftover.kind == "old" && !FileManager.default.fileExists(atPath: final) {
                try Disk.rename(path, to: final)
            } else {
                try Disk.remove(path)
            }
        }
    }
}
