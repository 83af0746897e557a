import Config
import Foundation
import Output
import Stochastics

/// The design of a sweep: which value each swept key takes at each point (1-based). A grid is the
/// cartesian product of its factors, the first factor varying slowest; a latin hypercube draws one
/// value in each of `points` equal strata of every range, strata paired at random (GSL stream
/// `design` of the master seed); a Sobol design takes GSL's first `points` quasi-random points; a
/// Saltelli design lays out N rows of k + 2 points (A, B, then A with each key from B in turn:
/// `SobolIndices.saltelliPoints`), point (j - 1)(k + 2) + 1 opening row j.
/// An experiment without a sweep has one point and no keys.
public struct Design: Sendable {
    public let parameters: [BatchSpec.Parameter]
    public let count: Int
    private let source: Source
    /// Per parameter: whether its values are numbers not all whole, written in floating-point form
    /// (`1.0`, `1.5`) in every row, so that a reader types its column alike whatever the first row holds.
    private var fractional: [Bool] = []

    private enum Source: Sendable {
        case single
        case grid([BatchSpec.Factor])
        /// Values in [0, 1) per point and factor, mapped onto each range when read.
        case unit([[Double]], [BatchSpec.Factor])
    }

    public init(_ sweep: BatchSpec.Sweep?, masterSeed: UInt64) throws {
        guard let sweep else {
            (parameters, count, source) = ([], 1, .single)
            return
        }
        parameters = sweep.parameters
        count = sweep.points
        switch sweep.design {
        case .grid:
            source = .grid(sweep.factors)
        case .latinHypercube:
            let stream = RandomStream(seed: Seed(masterSeed).child("design"))
            let n = sweep.points
            var unit = Array(repeating: [Double](repeating: 0, count: sweep.factors.count), count: n)
            for d in sweep.factors.indices {
                let strata = stream.permutation(n)
                for i in 0..<n { unit[i][d] = (Double(strata[i]) + stream.uniform()) / Double(n) }
            }
            source = .unit(unit, sweep.factors)
        case .sobol:
            let sobol = try SobolSequence(dimensions: sweep.factors.count)
            source = .unit(try (0..<sweep.points).map { _ in try sobol.next() }, sweep.factors)
        case .saltelli:
            let k = sweep.factors.count
            source = .unit(try SobolIndices.saltelliPoints(rows: sweep.points / (k + 2), inputs: k), sweep.factors)
        }
        let texts = (1...count).map { nodes(at: $0).map(Self.text) }
        fractional = parameters.indices.map { k in
            let numbers = texts.map { Double($0[k]).flatMap { $0.isFinite ? $0 : nil } }
            return !numbers.contains(nil) && texts.contains { Int($0[k]) == nil }
        }
    }

    /// The value of each parameter at `point` (1-based), as written in design.csv.
    public func values(at point: Int) -> [String] {
        zip(nodes(at: point).map(Self.text), fractional).map { text, fractional in
            fractional ? CSVWriter.format(Double(text)!) : text
        }
    }

    /// The overrides that put the configuration at `point`, each located where its value is written.
    public func overrides(at point: Int) -> [Override] {
        zip(parameters, nodes(at: point)).map { Override(path: $0.path, value: $1, location: $1.location) }
    }

    private func nodes(at point: Int) -> [ConfigNode] {
        precondition(point >= 1 && point <= count, "point \(point) outside 1...\(count)")
        switch source {
        case .single:
            return []
        case let .grid(factors):
            var rest = point - 1
            var chosen = [[ConfigNode]](repeating: [], count: factors.count)
            for (f, factor) in factors.enumerated().reversed() {
                let lists = Self.lists(factor)
                let n = lists[0].count
                chosen[f] = lists.map { $0[rest % n] }
                rest /= n
            }
            return chosen.flatMap { $0 }
        case let .unit(unit, factors):
            return zip(unit[point - 1], factors).map { u, factor in
                guard case let .range(p, _, _, _, integer) = factor, let x = factor.value(at: u) else {
                    preconditionFailure("a range design holds ranges")
                }
                return ConfigNode(.scalar(integer ? String(Int(x)) : CSVWriter.format(x), quoted: false), at: p.location)
            }
        }
    }

    private static func lists(_ factor: BatchSpec.Factor) -> [[ConfigNode]] {
        switch factor {
        case let .values(_, v): return [v]
        case let .zipped(_, group): return group.map(\.1)
        case .range: preconditionFailure("a grid holds lists")
        }
    }

    private static func text(_ node: ConfigNode) -> String {
        guard case let .scalar(text, _) = node.value else { preconditionFailure("sweep values are scalars") }
        return text
    }
}
