import Economy
import Foundation

enum Machine {
    /// The processor's model name, from /proc/cpuinfo.
    static var cpu: String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    }

    /// Bytes of the retail population's columns: five of Doubles, two of bytes, the borrower slots.
    static func populationBytes(_ population: RetailPopulation) -> Int {
        population.count * (5 * MemoryLayout<Double>.stride + MemoryLayout<RetailStrategy>.stride + MemoryLayout<Bool>.stride
                             + MemoryLayout<Int32>.stride)
    }
}

extension Machine {
    /// The core's clock now, in GHz, from a chain of dependent xor-shift-multiplies (1 cycle for the
    /// shift, 1 for the xor, 3 for the multiply on x86-64 cores since 2011; the compiler cannot fold it). A shared VM's clock moves with its
    /// neighbours' load, so compute-bound figures are also given in cycles.
    static func clockGHz() -> Double {
        var x: UInt64 = 1
        let links = 50_000_000
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<links { x = (x ^ (x >> 17)) &* 0x9E37_79B9_7F4A_7C15 }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return x == 0 ? 0 : 5 * Double(links) / seconds / 1e9
    }
}
