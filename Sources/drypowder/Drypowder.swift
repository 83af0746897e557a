import ArgumentParser

struct Drypowder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drypowder",
        abstract: "An agent-based simulation of how an AI capital-spending boom can drain liquidity from markets.",
        discussion: """
            Exit status: 0 on success, 2 on a usage or configuration error, 1 on a failure during a run.
            Configuration errors are printed as FILE:LINE: error: KEY.PATH: MESSAGE.
            `drypowder --version` prints the version and the commit of the checkout it was built from.
            """,
        subcommands: [RunCommand.self, SweepCommand.self, PlanCommand.self, MergeCommand.self, AnalyzeCommand.self, ValidateCommand.self, DescribeCommand.self,
                      ConfigCommand.self, CompareCommand.self, ReportCommand.self, SensitivityCommand.self,
                      CalibrateCommand.self]
    )
}

/// A configuration or usage problem (exit 2); `message` is already formatted for the terminal.
struct UsageFailure: Error { let message: String }

/// A failure while a run was under way (exit 1).
struct RunFailure: Error { let message: String }
