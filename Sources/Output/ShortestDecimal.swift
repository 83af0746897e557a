/// A finite double's text as `Double.description` writes it (`0.1`, `3.0`, `-2.5e-07`, `1e+20`), from the
/// shortest decimal that reads back as the double: R. Giulietti's Schubfach algorithm ("The Schubfach way to
/// render doubles", 2020), in the form of A. Bolz's C++ implementation (drachennest's schubfach_64; Copyright
/// 2020 Alexander Bolz, Boost Software License 1.0, https://www.boost.org/LICENSE_1_0.txt). Written in place,
/// a number costs about 400 instructions under callgrind where the standard library's conversion and an array
/// append cost about 625. ShortestDecimalTests check the text against `description` over every binary exponent
/// and some 270 thousand random and boundary values.
enum ShortestDecimal {
    /// `x = ±digits × 10^exponent`: the fewest decimal digits that read back as `x`, of those the closest to
    /// `x` (the even one on a tie), trailing zeros removed. `x` finite and non-zero.
    static func decompose(_ x: Double) -> (digits: UInt64, exponent: Int) {
        let bits = x.bitPattern, fraction = bits & (1 << 52 - 1), biased = Int(bits >> 52 & 0x7FF)
        var c = fraction, q = -1074
        if biased != 0 {
            (c, q) = (fraction | 1 << 52, biased - 1075)
            if q <= 0 && q > -53 && c & (1 << UInt64(-q) - 1) == 0 { return trimmed(c >> UInt64(-q), 0) }
        }
        // The interval that rounds to x, in units of 2^(q-2): (cbl, cbr) around cb, closed when c is even.
        let even = c & 1 == 0, lowerCloser = fraction == 0 && biased > 1
        let (cbl, cb, cbr) = (4 * c - 2 + (lowerCloser ? 1 : 0), 4 * c, 4 * c + 2)
        // k = floor(log10(2^q)) (of 3/4 2^q when the lower neighbour is closer); h in 1...4.
        let k = (q * 1_262_611 - (lowerCloser ? 524_031 : 0)) >> 22
        let h = q + ((-k * 1_741_647) >> 19) + 1
        let i = 2 * (-k - minimumPower)
        let (g1, g0) = (powers[i], powers[i + 1])
        let vbl = roundToOdd(g1, g0, cbl << UInt64(h)), vb = roundToOdd(g1, g0, cb << UInt64(h))
        let vbr = roundToOdd(g1, g0, cbr << UInt64(h))
        let lower = vbl + (even ? 0 : 1), upper = vbr - (even ? 0 : 1)
        // One digit fewer, if exactly one of its two candidates is inside; then this length's two.
        let s = vb / 4
        if s >= 10 {
            let sp = s / 10
            let upInside = lower <= 40 * sp, wpInside = 40 * sp + 40 <= upper
            if upInside != wpInside { return trimmed(sp + (wpInside ? 1 : 0), k + 1) }
        }
        let uInside = lower <= 4 * s, wInside = 4 * s + 4 <= upper
        if uInside != wInside { return trimmed(s + (wInside ? 1 : 0), k) }
        let mid = 4 * s + 2
        let up = vb > mid || (vb == mid && s & 1 != 0)
        return trimmed(s + (up ? 1 : 0), k)
    }

    /// The top 64 bits of the 192-bit product g × cp, its lowest bit set if any bit below them is.
    @inline(__always)
    private static func roundToOdd(_ g1: UInt64, _ g0: UInt64, _ cp: UInt64) -> UInt64 {
        let x = g0.multipliedFullWidth(by: cp), y = g1.multipliedFullWidth(by: cp)
        let (low, carry) = y.low.addingReportingOverflow(x.high)
        return (y.high &+ (carry ? 1 : 0)) | (low > 1 ? 1 : 0)
    }

    @inline(__always)
    private static func trimmed(_ digits: UInt64, _ exponent: Int) -> (digits: UInt64, exponent: Int) {
        var (d, e) = (digits, exponent)
        while d % 10 == 0 { (d, e) = (d / 10, e + 1) }
        return (d, e)
    }

    /// Appends `x`'s text (`description`'s): decimal from 0.0001 up to 2^53, else digits and a signed
    /// exponent of two digits or more. `x` finite.
    static func append(_ x: Double, to bytes: inout ByteBuffer) {
        withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { scratch in
            bytes.write(room: 32) { out in write(x, to: UnsafeMutableRawPointer(out), scratch: scratch.baseAddress!) }
        }
    }

    /// Writes `x`'s text at `out` (at most 24 bytes, but copies 8 bytes at a time: 32 must be free),
    /// using `scratch` (32 bytes); returns its length.
    private static func write(_ x: Double, to out: UnsafeMutableRawPointer, scratch: UnsafeMutableRawPointer) -> Int {
        var o = 0
        if x.sign == .minus { out.storeBytes(of: UInt8(ascii: "-"), as: UInt8.self); o = 1 }
        func put(_ byte: UInt8) { out.storeBytes(of: byte, toByteOffset: o, as: UInt8.self); o += 1 }
        guard x != 0 else {
            put(UInt8(ascii: "0")); put(UInt8(ascii: ".")); put(UInt8(ascii: "0"))
            return o
        }
        let (d, e) = decompose(x)
        // d's 17 digits, leading zeros and all, in 24 bytes of scratch, and 8 zero bytes after them (8 bytes
        // from any digit may be copied: none is read uninitialised).
        let digits = scratch
        digits.storeBytes(of: 0 as UInt64, toByteOffset: 24, as: UInt64.self)
        let words = (eight(UInt32(d / 10_000_000_000_000_000)), eight(UInt32(d / 100_000_000 % 100_000_000)),
                     eight(UInt32(d % 100_000_000)))
        digits.storeBytes(of: words.0, as: UInt64.self)
        digits.storeBytes(of: words.1, toByteOffset: 8, as: UInt64.self)
        digits.storeBytes(of: words.2, toByteOffset: 16, as: UInt64.self)
        let n = 24 - leadingZeros(words)
        let first = digits + 24 - n
        func copy(_ from: UnsafeMutableRawPointer, _ length: Int) {  // 8 bytes at a time: may write past
            for i in stride(from: 0, to: length, by: 8) {
                let word = from.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                out.storeBytes(of: word, toByteOffset: o + i, as: UInt64.self)
            }
            o += length
        }
        let point = e + n  // x = 0.d × 10^point
        if point < -3 || abs(x) > 0x1p53 {
            put(first.load(as: UInt8.self))
            if n > 1 { put(UInt8(ascii: ".")); copy(first + 1, n - 1) }
            put(UInt8(ascii: "e")); put(UInt8(ascii: point <= 0 ? "-" : "+"))
            let m = abs(point - 1)
            if m >= 100 { put(UInt8(ascii: "0") + UInt8(m / 100)) }
            put(UInt8(ascii: "0") + UInt8(m / 10 % 10)); put(UInt8(ascii: "0") + UInt8(m % 10))
        } else if point <= 0 {
            put(UInt8(ascii: "0")); put(UInt8(ascii: "."))
            for _ in 0 ..< -point { put(UInt8(ascii: "0")) }
            copy(first, n)
        } else if point >= n {
            copy(first, n)
            for _ in 0 ..< point - n { put(UInt8(ascii: "0")) }
            put(UInt8(ascii: ".")); put(UInt8(ascii: "0"))
        } else {
            copy(first, point); put(UInt8(ascii: ".")); copy(first + point, n - point)
        }
        return o
    }

    /// The decimal digits of `v` < 10^8, leading zeros and all, as 8 ASCII bytes (the first in the lowest):
    /// two 4-digit halves, then four pairs, then eight digits, split in parallel in a 64-bit word.
    @inline(__always)
    private static func eight(_ v: UInt32) -> UInt64 {
        var merged = UInt64(v / 10_000) | UInt64(v % 10_000) << 32
        let hundreds = (merged &* 10_486) >> 20 & (0x7F << 32 | 0x7F)
        merged = (merged &- 100 &* hundreds) << 16 &+ hundreds
        let tens = (merged &* 103) >> 10 & (0xF << 48 | 0xF << 32 | 0xF << 16 | 0xF)
        merged = (merged &- 10 &* tens) << 8 &+ tens
        return (merged | 0x3030_3030_3030_3030).littleEndian
    }

    /// How many '0's lead the 24 digits of `words` (fewer than 24: d > 0). The first digit is the lowest byte.
    @inline(__always)
    private static func leadingZeros(_ words: (UInt64, UInt64, UInt64)) -> Int {
        let zeros: UInt64 = 0x3030_3030_3030_3030
        let z = ((words.0 ^ zeros).trailingZeroBitCount / 8, (words.1 ^ zeros).trailingZeroBitCount / 8,
                 (words.2 ^ zeros).trailingZeroBitCount / 8)
        return z.0 < 8 ? z.0 : z.1 < 8 ? 8 + z.1 : 16 + z.2
    }
}
