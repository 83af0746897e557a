import Foundation

/// Runs the repository's Python tools (tools/, examples/) from the repository's root.
public enum Python {
    /// `python3 arguments...`: its exit status and its output and errors together.
    public static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process(), pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Repository.root)
        (process.standardOutput, process.standardError) = (pipe, pipe)
        guard (try? process.run()) != nil else { return (-1, "python3 not found") }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Whether Python can import every module of `modules`.
    public static func has(_ modules: String...) -> Bool {
        run(["-c", modules.map { "import \($0)" }.joined(separator: "; ")]).status == 0
    }
}
