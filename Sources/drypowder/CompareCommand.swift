import Analysis
import ArgumentParser

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Set two runs' headline figures side by side: returns, drawdowns, worst days, yield and spread "
            + "changes, liquidations, and B - A.",
        discussion: "Each argument is a run folder written by `drypowder run` (e.g. out/seed-crash). A run whose "
            + "status is not ok says so in the status row: its prices after the failure are not market prices.")

    @Argument(help: "The first run folder (A).")
    var a: String

    @Argument(help: "The second run folder (B).")
    var b: String

    func run() throws {
        do {
            print(RunFigures.table(try RunFigures(folder: a), try RunFigures(folder: b)))
        } catch let error as AnalysisError {
            throw UsageFailure(message: "error: \(error)")
        }
    }
}
