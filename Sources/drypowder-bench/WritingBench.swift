import Foundation
import Output

/// CSV writing: rows of 13 numbers in the format every table uses (shortest round-trip decimals).
enum WritingBench {
    static func run(_ method: Method, rows: Int, path: String) -> (Timing, bytes: Int) {
        let row = (0..<13).map { Double($0) * 1.234_567_89e3 + 0.1 }
        let timing = method.time {
            let writer = try! CSVWriter(path: path, header: (0..<13).map { "c\($0)" })
            for _ in 0..<rows { try! writer.writeRow(row) }
            try! writer.close()
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try? FileManager.default.removeItem(atPath: path)
        return (timing, bytes)
    }
}
