import ArgumentParser
import Foundation
import Output

/// Exit codes: 0 success, 2 usage or configuration error, 1 failure during a run.
if CommandLine.arguments.count == 1 {
    // No subcommand is a usage error: show what there is, and fail.
    FileHandle.standardError.write(Data((Drypowder.helpMessage() + "\n").utf8))
    exit(2)
}
if CommandLine.arguments.dropFirst() == ["--version"] {
    // Answered here so that other commands do not ask git for the commit before they need it.
    print("drypowder " + Manifest.versionText)
    exit(0)
}
do {
    var command = try Drypowder.parseAsRoot()
    try command.run()
} catch let error as UsageFailure {
    FileHandle.standardError.write(Data((error.message + "\n").utf8))
    exit(2)
} catch let error as RunFailure {
    FileHandle.standardError.write(Data(("error: " + error.message + "\n").utf8))
    exit(1)
} catch {
    if Drypowder.exitCode(for: error) == .success { Drypowder.exit(withError: error) }
    FileHandle.standardError.write(Data((Drypowder.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
