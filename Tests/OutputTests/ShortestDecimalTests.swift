import Foundation
import Stochastics
import TestSupport
import Testing
@testable import Output

/// The writer's own conversion must give `description`'s text for every finite double: the same digits
/// (the shortest that read back, the closest of those) and the same layout (decimal or exponent).
@Suite struct ShortestDecimalTests {
    static func text(_ x: Double) -> String {
        var buffer = ByteBuffer(capacity: 0)
        ShortestDecimal.append(x, to: &buffer)
        return buffer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    static func mismatches(_ xs: [Double]) -> [String] {
        xs.filter(\.isFinite).compactMap { x in
            text(x) == x.description ? nil : "\(x.description) written \(text(x))"
        }
    }

    /// Every binary exponent (subnormals, and each exponent's first significand, where the lower neighbour
    /// is closer), each with edge and random significands, both signs.
    @Test func everyExponentIsWrittenAsDescriptionWritesIt() {
        let stream = RandomStream(seed: Seed(11))
        var xs: [Double] = []
        for biased: UInt64 in 0...2046 {
            let random = (0..<6).map { _ in UInt64(stream.uniform() * 0x1p52) }
            for fraction in [0, 1, 2, 1 << 51, 1 << 52 - 1] + random {
                let x = Double(bitPattern: biased << 52 | fraction)
                xs += [x, -x]
            }
        }
        #expect(Self.mismatches(xs).prefix(5) == [])
    }

    /// Random bit patterns, values as a model writes them (of every size from 1e-12 to 1e12), decimals of
    /// 1 to 17 digits read from text, and the neighbours of powers of ten and of two: where the layout
    /// switches (0.0001, 2^53) and where the digits round.
    @Test func randomAndBoundaryValuesAreWrittenAsDescriptionWritesThem() {
        let stream = RandomStream(seed: Seed(12))
        var xs: [Double] = []
        for _ in 0..<100_000 {
            xs.append(Double(bitPattern: UInt64(stream.uniform() * 0x1p32) << 32 | UInt64(stream.uniform() * 0x1p32)))
            xs.append(stream.gaussian() * pow(10, Double(Int(stream.uniform() * 25) - 12)))
        }
        for _ in 0..<20_000 {
            let digits = String(UInt64(stream.uniform() * pow(10, Double(1 + Int(stream.uniform() * 17)))))
            xs.append(Double("\(digits)e\(Int(stream.uniform() * 640) - 330)")!)
        }
        for e in -325...309 { let p = Double("1e\(e)")!; xs += [p, p.nextUp, p.nextDown] }
        for e in -1074...1023 { let p = pow(2.0, Double(e)); xs += [p, p.nextUp, p.nextDown] }
        xs += [0, -0.0, 0.0001, 9.999e-5, 0x1p53, 0x1p53 + 2, 1e15, 1e16]
        xs += [.greatestFiniteMagnitude, .leastNonzeroMagnitude]
        #expect(Self.mismatches(xs).prefix(5) == [])
    }

    static let hasPython = Python.run(["--version"]).status == 0

    /// The table of powers of ten is the one tools/pow10-table.py generates (it also checks the
    /// logarithm approximations the conversion uses).
    @Test(.enabled(if: hasPython)) func powersOfTenAreTheGeneratedTable() {
        let result = Python.run(["tools/pow10-table.py", "--check"])
        #expect(result.status == 0, "\(result.output)")
    }
}
