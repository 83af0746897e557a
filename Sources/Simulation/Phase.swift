import Economy

/// One phase of the trading day (ODD "process overview and scheduling"). `World.advance()` runs
/// `World.phases` in order; docs/MODEL.md's scheduling table is `Phase.markdownTable`, checked by a test.
public struct Phase: Sendable {
    public let number: Int
    public let name: String
    /// What happens, for the docs' scheduling table and `drypowder describe phases`.
    public let summary: String
    /// Whether every price and institutional balance must be finite after it (`NumericalFailure`).
    let checksFinite: Bool
    let run: @Sendable (inout World, inout Day) throws -> Void

    /// The phase as failure messages name it: "4 (funding needs)".
    public var label: String { "\(number) (\(name))" }

    /// The phases as a Markdown table: docs/MODEL.md shows exactly this.
    public static var markdownTable: String {
        (["| phase | name | what happens |", "|---|---|---|"]
            + World.phases.map { "| \($0.number) | \($0.name) | \($0.summary) |" }).joined(separator: "\n")
    }
}

/// What the phases of one step hand on to later ones.
struct Day {
    var log: StepLog
    /// The morning's prices: dealers quote around them all day.
    let reference: [Double]
    /// Units each hedge fund must sell, per asset: redemptions (phase 4), then margin calls (5, 7).
    var forced = ForcedSales(funds: 0, assets: 0)
    /// Each hedge fund's credit line for the day (phase 5).
    var credit: [Double] = []
    /// Fundamental values and the signals' inputs formed in phase 6.
    var values: [Double] = []
    var signals: SignalInputs?
    var record: StepRecord?

    init(prices: [Double]) {
        log = StepLog(assets: prices.count)
        reference = prices
    }
}
