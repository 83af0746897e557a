/// Two traders at a time: the order and settlement passes load each column two elements at a time
/// into SIMD lanes and do, lane by lane, exactly the arithmetic of one trader at a time (an odd last
/// trader goes through both lanes and counts once). Their totals are summed per lane, the traders at
/// even indices and those at odd ones, then added.
extension RetailPopulation {
    /// The cash two traders' `order`s spend under the credit limit: an order beyond the trader's cash
    /// has the part beyond it scaled by `creditScale`; a sell spends nothing.
    @inline(__always)
    static func buyCash(order o: SIMD2<Double>, cash c: SIMD2<Double>, creditScale: Double) -> SIMD2<Double> {
        guard creditScale < 1 else { return positivePart(o) }
        let scaled = o.replacing(with: c + (o - c) * creditScale, where: o .> positivePart(c))
        return positivePart(scaled)
    }
}

/// max(x, 0) in each lane, as Swift's `max` takes it (0 where x <= 0).
@inline(__always)
func positivePart(_ x: SIMD2<Double>) -> SIMD2<Double> { x.replacing(with: 0, where: x .<= 0) }

extension UnsafeMutableBufferPointer<Double> {
    /// Elements i and i + 1 as two SIMD lanes.
    @inline(__always)
    func pair(_ i: Int) -> SIMD2<Double> { UnsafeRawPointer(baseAddress! + i).loadUnaligned(as: SIMD2<Double>.self) }

    @inline(__always)
    func setPair(_ i: Int, _ value: SIMD2<Double>) { UnsafeMutableRawPointer(baseAddress! + i).storeBytes(of: value, as: SIMD2<Double>.self) }
}
