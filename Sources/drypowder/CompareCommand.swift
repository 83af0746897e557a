import Analysis
import ArgumentParser

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Set two runs or two sweep points side by side: each headline figure or runs.csv metric, "
            + "and B - A.",
        discussion: """
            Each argument is a run folder written by `drypowder run` (e.g. out/seed-crash), or a sweep point \
            written DIR#POINT or DIR#POINT:VARIANT (e.g. out/sweeps/dry-powder-sweep#2:no-boom; variant main \
            when absent). A run whose status is not ok says so in the status row: its prices after the failure \
            are not market prices. For sweep points, each side is the mean over its ok runs, and B - A has a \
            95% interval: paired when both sides ran on the same seeds (a point's variants; the points of a \
            sweep with sweep.seeds: shared), else Welch's.
            """)

    @Argument(help: "The first run folder or sweep point (A).")
    var a: String

    @Argument(help: "The second run folder or sweep point (B).")
    var b: String

    func run() throws {
        do {
            switch (PointComparison.Side(a), PointComparison.Side(b)) {
            case let (pointA?, pointB?): print(try PointComparison(pointA, pointB).text)
            case (nil, nil): print(RunFigures.table(try RunFigures(folder: a), try RunFigures(folder: b)))
            default:
                throw UsageFailure(message: "error: compare two run folders or two sweep points (DIR#POINT), not one of each")
            }
        } catch let error as AnalysisError {
            throw UsageFailure(message: "error: \(error)")
        }
    }
}
