import Foundation

/// How every figure is taken: one untimed warm-up, then `repetitions` timed runs; the median is the
/// figure and the fastest and slowest runs its range. `--tiny` makes one small untimed pass per section.
struct Method {
    var tiny = false
    var repetitions = 5

    /// Seconds per run of `body`: median, fastest, slowest.
    func time(_ body: () throws -> Void) rethrows -> Timing {
        if !tiny { try body() }
        var seconds: [Double] = []
        for _ in 0..<(tiny ? 1 : repetitions) {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return Timing(seconds: seconds)
    }
}

struct Timing {
    let median: Double, fastest: Double, slowest: Double

    init(seconds: [Double]) {
        let sorted = seconds.sorted()
        median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        fastest = sorted.first ?? 0
        slowest = sorted.last ?? 0
    }

    /// `units` per second at the median, with the range over runs.
    func rate(_ units: Double) -> (median: Double, low: Double, high: Double) {
        (units / median, units / slowest, units / fastest)
    }
}

/// One line of the report: a label, a figure with its unit, and what qualifies it.
func report(_ label: String, _ figure: Double, _ unit: String, _ note: String = "") {
    let padded = label.padding(toLength: max(46, label.count), withPad: " ", startingAt: 0)
    print(padded + String(format: "%12.4g ", figure) + unit + (note.isEmpty ? "" : "   " + note))
}

/// A rate at the median, with the slowest-to-fastest range of the runs.
func report(_ label: String, _ timing: Timing, per units: Double, _ unit: String) {
    let r = timing.rate(units)
    report(label, r.median, unit, String(format: "(range %.4g to %.4g)", r.low, r.high))
}

func section(_ title: String) { print("\n" + title) }
