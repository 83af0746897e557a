import Config

/// Rules of the AI labs (`Agents/ai_lab.yaml`): they call capital committed by sovereign funds and
/// spend it on compute bought from hyperscalers.
public struct AILabRules: Sendable, Equatable {
    public static let type = "ai_lab"

    public var count: Int
    public var commitment: Double
    public var callRate: Double
    public var computeRate: Double

    public init(_ r: inout RuleReader) {
        r.scope = .setUp
        count = r.integer("count", "number of AI labs", unit: "labs", .closed(0, 100))
        r.scope = .dynamic
        commitment = r.number("commitment", "capital each lab has been promised by the sovereign funds (in equal parts) and not yet called; an event raising it adds new commitments",
                              unit: "$bn", .money)
        callRate = r.number("call_rate", "fraction of its uncalled commitment a lab calls per step",
                            unit: "fraction per step", .unitInterval)
        computeRate = r.number("compute_rate", "fraction of its cash a lab spends on compute from hyperscalers per step",
                               unit: "fraction per step", .unitInterval)
    }
}

/// One AI lab: the cash it has been paid and the commitment it has not yet called.
public struct AILab: Sendable {
    /// Its cash (it holds no asset) and the capital it has called and not yet been paid (a positive
    /// `capitalCall` claim on the sovereign funds).
    public var book: Book
    public var cash: Double { book.cash }
    /// Committed capital already called (paid or owed), so a rule change to `commitment` adds only the difference.
    public var called = 0.0

    public init(assets: Int) { book = Book(units: Array(repeating: 0, count: assets)) }

    /// Capital called this step.
    public func call(rules: AILabRules) -> Double { rules.callRate * max(rules.commitment - called, 0) }
}
