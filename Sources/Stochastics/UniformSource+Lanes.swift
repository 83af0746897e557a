/// taus2 four draws at a time, with the same numbers in the same order as one at a time.
///
/// Each of taus2's three components is linear over GF(2) on its 32-bit state, so n steps of it are
/// a 32 x 32 bit matrix (`LaneJump`). A block of 4L draws starts four lanes at the block's draws 0, L,
/// 2L and 3L (the state jumped ahead by 0, L, 2L, 3L steps), steps the lanes together in SIMD
/// registers, and writes lane j's draws to the block's j-th quarter. The last lane ends where the
/// block ends, so the stream goes on from there.
extension UniformSource {
    /// Draws per lane in a block; a block is four lanes.
    static let laneLength = 256
    public static let laneBlock = 4 * laneLength

    /// Fills `out` (a multiple of `laneBlock` long) in blocks of four lanes.
    mutating func fillInLanes(_ out: UnsafeMutableBufferPointer<UInt32>) {
        let jumps = Self.laneJumps
        let n = Self.laneLength
        guard let base = out.baseAddress else { return }
        for block in stride(from: 0, to: out.count, by: 4 * n) {
            var (a, b, c) = (jumps[0].spread(s1), jumps[1].spread(s2), jumps[2].spread(s3))
            let quarter = base + block
            for t in 0..<n {
                let draw = Self.laneStep(&a, &b, &c)
                quarter[t] = draw[0]
                quarter[n + t] = draw[1]
                quarter[2 * n + t] = draw[2]
                quarter[3 * n + t] = draw[3]
            }
            (s1, s2, s3) = (a[3], b[3], c[3])
        }
    }

    /// `rawStep` in four lanes.
    @inline(__always)
    static func laneStep(_ a: inout SIMD4<UInt32>, _ b: inout SIMD4<UInt32>, _ c: inout SIMD4<UInt32>) -> SIMD4<UInt32> {
        a = ((a & 0xFFFF_FFFE) &<< 12) ^ (((a &<< 13) ^ a) &>> 19)
        b = ((b & 0xFFFF_FFF8) &<< 4) ^ (((b &<< 2) ^ b) &>> 25)
        c = ((c & 0xFFFF_FFF0) &<< 17) ^ (((c &<< 3) ^ c) &>> 11)
        return a ^ b ^ c
    }

    /// For each component, the matrices that jump it 0, L, 2L and 3L steps, as one table: the
    /// states with one bit set, stepped by `laneStep` itself.
    static let laneJumps: [LaneJump] = {
        var columns: [[SIMD4<UInt32>]] = [[], [], []]
        for bit in 0..<32 {
            let one = SIMD4<UInt32>(repeating: 1 << bit)  // every lane alike
            var (a, b, c) = (one, one, one), jumped = Array(repeating: SIMD4<UInt32>(), count: 3)
            for lane in 0..<4 {
                (jumped[0][lane], jumped[1][lane], jumped[2][lane]) = (a[0], b[0], c[0])
                for _ in 0..<laneLength { _ = laneStep(&a, &b, &c) }
            }
            for k in 0..<3 { columns[k].append(jumped[k]) }
        }
        return columns.map(LaneJump.init)
    }()

    /// Column `bit` holds where each lane's jump sends the state with only that bit set; a state is
    /// sent to the exclusive or of the columns of its set bits.
    struct LaneJump {
        let columns: [SIMD4<UInt32>]

        /// The state `s` jumped ahead by 0, L, 2L and 3L steps.
        @inline(__always)
        func spread(_ s: UInt32) -> SIMD4<UInt32> {
            columns.withUnsafeBufferPointer { columns in
                var lanes = SIMD4<UInt32>(repeating: 0)
                for bit in 0..<32 {
                    lanes ^= columns[bit] & SIMD4(repeating: 0 &- ((s &>> UInt32(bit)) & 1))
                }
                return lanes
            }
        }
    }
}
