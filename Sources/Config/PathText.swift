/// Path arithmetic on text, without Foundation's NSString methods (which trap on some short paths,
/// e.g. a file named "a", in the Foundation shipped with Swift 6.3 on Linux).
public enum PathText {
    /// The folder part of `path` ("" for a bare file name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `file` relative to `directory`, unless it is absolute.
    public static func resolve(_ file: String, in directory: String) -> String {
        file.hasPrefix("/") || directory.isEmpty ? file : directory + (directory.hasSuffix("/") ? "" : "/") + file
    }

    /// The file name without its folder and its last extension: "Experiments/seed-crash.yaml" -> "seed-crash".
    public static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
