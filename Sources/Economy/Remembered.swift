/// The values a function of one number gave, by argument: a root search asks for some points more than
/// once (a bracket's end, then Brent's check of it, then GSL's), and each point of an excess demand
/// sums every participant's curve. A point is computed once; the numbers are the same either way.
struct Remembered {
    private var known: [(x: Double, y: Double)] = []

    init() { known.reserveCapacity(32) }

    /// `f(x)`, computed only if `x` was not asked for before.
    mutating func value(at x: Double, _ f: (Double) -> Double) -> Double {
        if let hit = known.last(where: { $0.x == x }) { return hit.y }
        let y = f(x)
        known.append((x, y))
        return y
    }
}
