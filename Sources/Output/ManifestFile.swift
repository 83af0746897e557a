import Foundation

/// Reading back the JSON files drypowder writes (plan.json, manifests), with errors that name the file.
public enum ManifestFile {
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let why: String
        public var description: String { "\(path): \(why)" }
    }

    /// The JSON object in `path`.
    public static func object(_ path: String) throws -> [String: Any] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Failure(path: path, why: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "is missing")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(path: path, why: "is not a JSON object (damaged?)")
        }
        return object
    }
}
