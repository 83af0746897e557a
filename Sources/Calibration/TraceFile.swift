import Config
import Foundation
import Output

/// A calibration's trace: one CSV row per evaluation, appended as it ends, so a kill loses at most the
/// evaluations under way. Beside it, `calibration.json` holds the fingerprint of what decides an evaluation
/// (ranges, targets, seeds, burn-in, the resolved experiment's config hash): a resumed calibration must match.
/// A row cut short by a kill is dropped, and the file cut back to its last whole line.
final class TraceFile {
    let path: String
    let rows: [[String]]
    private let handle: FileHandle

    init(_ path: String, header: [String], fingerprint: String, resume: Bool) throws {
        self.path = path
        let stamp = PathText.directory(of: path) + "/calibration.json"
        let exists = FileManager.default.fileExists(atPath: path)
        if exists && !resume {
            throw CalibrationFailure("\(path): a trace is already there: --resume to go on with it, or choose another --out")
        }
        let recorded = "{\"fingerprint\": \"\(fingerprint)\"}\n"
        if exists {
            guard (try? String(contentsOfFile: stamp, encoding: .utf8)) == recorded else {
                throw CalibrationFailure("\(path): this trace is of another calibration (its ranges, targets, seeds, "
                                         + "experiment or rules changed since: \(stamp) differs); choose another --out")
            }
            var text = try String(contentsOfFile: path, encoding: .utf8)
            if let cut = text.lastIndex(of: "\n"), text.index(after: cut) != text.endIndex {
                text = String(text[...cut])
                try Disk.replace(path, with: Array(text.utf8))
            }
            let table = CSVReader.parse(text).filter { $0.count > 1 }
            guard table.first == header else {
                throw CalibrationFailure("\(path): its columns are not this calibration's; choose another --out")
            }
            rows = table.dropFirst().filter { $0.count == header.count }
        } else {
            try Disk.makeDirectory(PathText.directory(of: path))
            try Disk.replace(stamp, with: Array(recorded.utf8))
            try Disk.replace(path, with: CSVWriter.line(header))
            rows = []
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
    }

    func append(_ fields: [String]) throws {
        try handle.write(contentsOf: Data(CSVWriter.line(fields)))
    }

    deinit { try? handle.close() }
}

public struct CalibrationFailure: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
