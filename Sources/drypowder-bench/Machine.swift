import Economy
import Foundation

enum Machine {
    /// The processor's model name, from /proc/cpuinfo.
    static var cpu: String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    }

    /// Bytes of the retail population's columns: five of Doubles, two of bytes.
    static func populationBytes(_ population: RetailPopulation) -> Int {
        population.count * (5 * MemoryLayout<Double>.stride + MemoryLayout<RetailStrategy>.stride + MemoryLayout<Bool>.stride)
    }
}
