/// The values a function of one number gave, by argument: a root search asks for some points more than
/// once (a bracket's end, then Brent's check of it, then GSL's), and each point of an excess demand
/// sums every participant's curve. A point is computed once; the numbers are the same either way, since
/// `f` must be pure. Points are told apart by their bits (so 0 and -0 are two points).
struct Remembered {
    private var known: [(x: UInt64, y: Double)] = []

    init() { known.reserveCapacity(32) }

    /// `f(x)`, computed only if `x` was not asked for before.
    mutating func value(at x: Double, _ f: (Double) -> Double) -> Double {
        let key = x.bitPattern
        if let hit = known.last(where: { $0.x == key }) { return hit.y }
        let y = f(x)
        known.append((key, y))
        return y
    }
}
