/// A broken stock-flow identity: the run stops and says where.
public struct AccountingViolation: Error, Sendable, CustomStringConvertible {
    public let step: Int
    /// The agent or sector whose balance sheet broke the identity ("all" for market-wide totals).
    public let agent: String
    public let instrument: String
    public let detail: String

    public init(step: Int, agent: String, instrument: String, detail: String) {
        self.step = step
        self.agent = agent
        self.instrument = instrument
        self.detail = detail
    }

    public var description: String {
        "accounting violation at step \(step), agent \(agent), instrument \(instrument): \(detail)"
    }
}
