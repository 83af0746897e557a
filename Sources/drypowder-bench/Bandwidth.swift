/// Memory bandwidth on one core, the physical limit the hot loops are measured against: a read-only
/// sum, a copy (bytes read plus bytes written) and the triad a[i] = b[i] + s c[i] (STREAM's kernels).
/// `bytes` sets the working set: the retail population's size (cache-resident if it fits) or far
/// beyond the last-level cache (main memory).
struct Bandwidth {
    let read: Double, copy: Double, triad: Double

    static func measure(bytes: Int, _ method: Method) -> Bandwidth {
        let n = max(bytes / 8 / 3, 1024)
        var a = [Double](repeating: 1, count: n), b = [Double](repeating: 2, count: n), c = [Double](repeating: 3, count: n)
        var sink = 0.0
        let read = method.time {
            b.withUnsafeBufferPointer { b in
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                var i = 0
                while i + 4 <= n {
                    s0 += b[i]; s1 += b[i + 1]; s2 += b[i + 2]; s3 += b[i + 3]
                    i += 4
                }
                sink += s0 + s1 + s2 + s3
            }
        }
        let copy = method.time {
            a.withUnsafeMutableBufferPointer { a in b.withUnsafeBufferPointer { b in for i in 0..<n { a[i] = b[i] } } }
        }
        let triad = method.time {
            a.withUnsafeMutableBufferPointer { a in
                b.withUnsafeBufferPointer { b in c.withUnsafeBufferPointer { c in for i in 0..<n { a[i] = b[i] + 1.5 * c[i] } } }
            }
        }
        c[0] = sink  // keep the read loop
        let bytes = Double(n * 8)
        return Bandwidth(read: bytes / read.median / 1e9, copy: 2 * bytes / copy.median / 1e9, triad: 3 * bytes / triad.median / 1e9)
    }

    func print(_ label: String) {
        report("memory bandwidth, \(label)", triad, "GB/s", String(format: "(triad; read %.1f, copy %.1f)", read, copy))
    }
}
