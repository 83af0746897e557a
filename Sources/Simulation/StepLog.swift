/// What happened inside one step, accumulated across clearing rounds, for the recorder.
struct StepLog {
    var volumes: [Double]
    var forcedVolumes: [Double]
    var residuals: [Double]
    var rounds = 0
    /// Funds that had to sell to meet a margin call in any round.
    var calledFunds: Set<Int> = []
    var defaults = 0
    /// Retail liquidation orders filled, and the value they sold.
    var liquidations = 0
    var liquidationValue = 0.0

    init(assets: Int) {
        volumes = Array(repeating: 0, count: assets)
        forcedVolumes = Array(repeating: 0, count: assets)
        residuals = Array(repeating: 0, count: assets)
    }
}
