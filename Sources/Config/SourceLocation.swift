/// Where a configuration value came from: a file and line, or the command line.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// A path as the user gave it (relative paths stay relative, so messages match what they typed).
    public let file: String
    /// 1-based line; 0 when unknown (e.g. a value given on the command line).
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// The location of a `--set` option.
    public static let commandLine = SourceLocation(file: "<command line>", line: 0)

    public var description: String { line > 0 ? "\(file):\(line)" : file }
}
