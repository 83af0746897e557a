import Foundation

/// How every figure is taken: one untimed warm-up, then `repetitions` timed runs; the median is the
/// figure and the fastest and slowest runs its range. `--tiny` makes one small untimed pass per section.
struct Method {
    var tiny = false
    var repetitions = 5

    /// Seconds per run of `body`: median and range.
    func time(_ body: () throws -> Void) rethrows -> Timing {
        if !tiny { try body() }
        var seconds: [Double] = []
        for _ in 0..<(tiny ? 1 : repetitions) { seconds.append(try Self.seconds(body)) }
        return Timing(seconds: seconds)
    }
}

extension Method {
    /// `first` and `second` timed in turns (first, second, first, ...) after one warm-up of each, so
    /// that a drift in the machine's speed (a VM's neighbours) touches both alike; also the ratio of
    /// first to second in each turn.
    func timeInTurns(_ first: () throws -> Void, _ second: () throws -> Void) rethrows -> (first: Timing, second: Timing, ratio: Timing) {
        if !tiny {
            try first()
            try second()
        }
        var a: [Double] = [], b: [Double] = []
        for _ in 0..<(tiny ? 1 : repetitions) {
            a.append(try Self.seconds(first))
            b.append(try Self.seconds(second))
        }
        return (Timing(seconds: a), Timing(seconds: b), Timing(seconds: zip(a, b).map { $0 / $1 }))
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// The median and range of a set of measurements (seconds, unless a ratio of them).
struct Timing {
    let median: Double, smallest: Double, largest: Double, count: Int

    init(seconds: [Double]) {
        let sorted = seconds.sorted()
        median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        smallest = sorted.first ?? 0
        largest = sorted.last ?? 0
        count = sorted.count
    }

    /// `units` per second at the median, with the range over runs.
    func rate(_ units: Double) -> (median: Double, low: Double, high: Double) {
        (units / median, units / largest, units / smallest)
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
