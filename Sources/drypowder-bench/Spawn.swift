import Foundation

/// Runs the `drypowder` executable built beside this one, as a user would, and waits for it.
/// Exits the benchmark if it fails: a figure from a failed run would be meaningless.
func drypowder(_ arguments: [String]) {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("drypowder").path
    let args = [executable] + arguments
    var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, executable, nil, nil, &argv, environ) == 0 else { fail("cannot start \(executable)") }
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
    guard status == 0 else { fail("\(args.joined(separator: " ")) exited with status \(status)") }
}

/// A number from a manifest.json that a run or sweep wrote.
func manifestNumber(_ directory: String, _ key: String) -> Double? {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json")),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
    return (object[key] as? NSNumber)?.doubleValue
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("drypowder-bench: error: \(message)\n".utf8))
    exit(1)
}
