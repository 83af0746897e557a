import Foundation

/// A run's output directory, written atomically: files go into a hidden `.NAME.partial-PID` sibling
/// and only a complete run is renamed to `NAME`. A failed or killed run leaves nothing at `NAME`
/// that could pass for finished (a previous finished run there is kept until the new one replaces it).
public struct RunDirectory {
    public let final: URL
    public let staging: URL

    public init(parent: String, name: String) throws {
        let parentURL = URL(fileURLWithPath: parent, isDirectory: true)
        final = parentURL.appendingPathComponent(name, isDirectory: true)
        staging = parentURL.appendingPathComponent(".\(name).partial-\(getpid())", isDirectory: true)
        let fm = FileManager.default
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate(staging.path)
        }
    }

    public func path(_ file: String) -> String { staging.appendingPathComponent(file).path }

    /// Moves the finished run into place, replacing an earlier run of the same name.
    public func commit() throws {
        let fm = FileManager.default
        let old = final.deletingLastPathComponent().appendingPathComponent(".\(final.lastPathComponent).old-\(getpid())")
        do {
            if fm.fileExists(atPath: final.path) { try fm.moveItem(at: final, to: old) }
            try fm.moveItem(at: staging, to: final)
            try? fm.removeItem(at: old)
        } catch {
            throw OutputError.cannotFinish(final.path, "\(error)")
        }
    }

    /// Removes everything written; call when the run fails.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
