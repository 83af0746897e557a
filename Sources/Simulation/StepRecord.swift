/// What the recorder sees of one step: observed after settlement, never fed back into the model.
public struct StepRecord: Sendable, Equatable {
    public var step: Int
    /// Per asset, in the market file's order.
    public var prices: [Double]
    public var logReturns: [Double]
    public var volumes: [Double]
    public var residuals: [Double]
    public var clearingRounds: Int
    public var hedgeFundUnits: [Double]
    public var dealerUnits: [Double]
    public var retailUnits: [Double]
    public var retailBuyOrders: Double
    public var retailSellOrders: Double
    /// Total cash of all agents (constant in this slice: trades only move it between agents).
    public var totalCash: Double
    /// Largest relative error of any stock-flow identity this step (0 when exact).
    public var accountingError: Double
}
