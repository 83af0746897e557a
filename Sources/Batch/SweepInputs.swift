import Config
import Foundation
import Output

/// A sweep folder's `inputs/`: the experiment file, its bases (`experiments/`) and every rule file the sweep
/// ran (`agents/<type>.yaml`), copied as they were when it started, so that it can be read and rerun after
/// they change. Copies already there are kept: a resumed sweep's plan matched them.
enum SweepInputs {
    static let folder = "inputs"
    static let experiments = folder + "/experiments", agents = folder + "/agents"

    /// Each file to copy and its place in the sweep folder.
    static func copies(_ experiment: Experiment) -> [(from: String, to: String)] {
        var names: Set<String> = []
        let experiments = Experiment.chain(of: experiment.path).map { path -> (String, String) in
            var name = URL(fileURLWithPath: path).lastPathComponent
            if names.contains(name) { name = "\(names.count + 1)-\(name)" }
            names.insert(name)
            return (path, "\(Self.experiments)/\(name)")
        }
        return experiments + experiment.agents.map { ($0.file, "\(Self.agents)/\($0.type).yaml") }
    }

    static func write(_ experiment: Experiment, to directory: SweepDirectory) throws {
        for (from, to) in copies(experiment) where !FileManager.default.fileExists(atPath: directory.path(to)) {
            guard let bytes = FileManager.default.contents(atPath: from) else { continue }  // loaded, then removed
            try Disk.makeDirectory(PathText.directory(of: directory.path(to)))
            try Disk.replace(directory.path(to), with: [UInt8](bytes))
        }
    }

    /// A merge's inputs: the first shard's.
    static func copy(from shard: SweepDirectory, to target: SweepDirectory) throws {
        let root = shard.path(folder)
        guard let files = FileManager.default.subpaths(atPath: root) else { return }
        for file in files.sorted() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + file, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let bytes = FileManager.default.contents(atPath: root + "/" + file) else { continue }
            let to = target.path(folder + "/" + file)
            try Disk.makeDirectory(PathText.directory(of: to))
            try Disk.replace(to, with: [UInt8](bytes))
        }
    }
}
