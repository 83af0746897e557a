import Stochastics

/// The outcome of one day's secured funding (repo) market.
public struct FundingResult: Sendable, Equatable {
    /// The overnight repo rate, inside the central bank's corridor.
    public let rate: Double
    /// Total repo borrowing of each borrower at `rate`, in the order given.
    public let borrowed: [Double]
    /// Total repo lending of each private lender at `rate`, in the order given.
    public let lent: [Double]
    /// What the central bank's standing repo lends at the ceiling: the demand private lenders do not
    /// meet there.
    public let standingRepo: Double
}

/// The repo market: borrowers' demand for overnight secured funding (decreasing in the rate) against
/// what private lenders will lend (increasing in it), inside the corridor the central bank enforces.
/// Nobody lends below the reverse-repo floor, since the bank pays it on deposits; nobody borrows above
/// the standing-repo ceiling, since the bank lends there without limit.
public enum FundingMarket {
    public static func clear(demand: [(Double) -> Double], supply: [(Double) -> Double], floor: Double, ceiling: Double,
                             tolerance: Double = 1e-12) throws -> FundingResult {
        var remembered = Remembered()
        func excess(_ r: Double) -> Double {
            remembered.value(at: r) { r in demand.reduce(0) { $0 + $1(r) } - supply.reduce(0) { $0 + $1(r) } }
        }
        let rate: Double
        if ceiling <= floor || excess(floor) <= 0 {
            rate = floor
        } else if excess(ceiling) >= 0 {
            rate = ceiling
        } else {
            rate = try Brent.root(in: floor, ceiling, absoluteTolerance: tolerance * max(abs(ceiling), 1e-6),
                                  relativeTolerance: 0, excess)
        }
        let borrowed = demand.map { max($0(rate), 0) }
        let offered = supply.map { max($0(rate), 0) }
        let wanted = borrowed.reduce(0, +), available = offered.reduce(0, +)
        // Lenders are rationed pro rata when they offer more than is borrowed (at the floor); at the
        // ceiling the standing repo lends the rest.
        let scale = available > wanted ? wanted / available : 1
        return FundingResult(rate: rate, borrowed: borrowed, lent: offered.map { $0 * scale },
                             standingRepo: max(wanted - available, 0))
    }
}
