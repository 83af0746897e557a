import Config
import Stochastics

/// Every run of a batch and its identity. Runs are numbered 1...count in the order
/// point, replication, variant (variant varying fastest), so the runs that share a seed (one point
/// and replication, every variant: common random numbers) are neighbours, and every table sorted by
/// `run_id` is in a fixed order whatever the scheduling.
public struct RunPlan: Sendable {
    public let points: Int
    public let replications: Int
    /// `main` (the experiment itself) first, then the experiment's variants in file order.
    public let variants: [String]
    public let masterSeed: UInt64
    /// Whether every point's replication r runs on the same seed (common random numbers across the design,
    /// `sweep.seeds: shared`), not on one of its own.
    public let sharedSeeds: Bool

    public struct RunID: Sendable, Hashable {
        public let id: Int
        public let point: Int
        public let replication: Int
        /// Index into `variants` (0 is `main`).
        public let variant: Int
        public let seed: UInt64
    }

    public init(points: Int, replications: Int, variants: [String], masterSeed: UInt64, sharedSeeds: Bool = false) {
        (self.points, self.replications, self.variants, self.masterSeed) = (points, replications, ["main"] + variants, masterSeed)
        self.sharedSeeds = sharedSeeds
    }

    public var count: Int { points * replications * variants.count }

    /// The run_id of (point, replication, variant), all 1-based but the variant's index (0 is main).
    public func id(point: Int, replication: Int, variant: Int) -> Int {
        ((point - 1) * replications + replication - 1) * variants.count + variant + 1
    }

    public func run(_ id: Int) -> RunID {
        precondition(id >= 1 && id <= count, "run \(id) outside 1...\(count)")
        let v = (id - 1) % variants.count
        let group = (id - 1) / variants.count
        let point = group / replications + 1, replication = group % replications + 1
        return RunID(id: id, point: point, replication: replication, variant: v,
                     seed: Self.seed(master: masterSeed, point: sharedSeeds ? 1 : point, replication: replication))
    }

    /// The seed of every variant's run at (point, replication): a node of the master seed's tree, cut to
    /// 53 bits so it is exact in every CSV reader and a valid `run.seed` (`drypowder run --seed` repeats it).
    public static func seed(master: UInt64, point: Int, replication: Int) -> UInt64 {
        Seed(master).child("point", point).child("replication", replication).value & ((1 << 53) - 1)
    }

    /// The runs of shard `index` of `of` (1-based): whole (point, replication) groups dealt round-robin,
    /// so paired variants always run in the same shard.
    public func runs(shard index: Int, of shards: Int) -> [Int] {
        precondition(index >= 1 && index <= shards, "shard \(index) outside 1...\(shards)")
        return (1...max(count, 1)).filter { id in id <= count && ((id - 1) / variants.count) % shards == index - 1 }
    }
}
