import Config
import Output

extension BatchContext {
    /// Everything that decides a batch's results, as JSON: the resolved settings and rules, the
    /// events, the variants, the master seed, every design point and the tables asked for. Comments
    /// and file layout do not enter, so only a change that matters changes `configHash`.
    var fingerprint: JSON {
        func events(_ list: [ScenarioEvent]) -> JSON {
            .array(list.map { e in
                .object([("start", .number(Double(e.start))), ("end", e.end.map { .number(Double($0)) } ?? .null),
                         ("set", .object(e.overrides.map { ($0.path.joined(separator: "."), JSON($0.value)) }))])
            })
        }
        let batch = experiment.batch
        return .object([
            ("settings", JSON(experiment.settings)),
            ("agents", .object(experiment.agents.map { ($0.type, JSON($0.rules)) })),
            ("events", events(experiment.events)),
            ("master_seed", .string(String(plan.masterSeed))),
            ("replications", .number(Double(plan.replications))),
            ("variants", .object(batch.variants.map { v in
                (v.name, .object([("set", .object(v.overrides.map { ($0.path.joined(separator: "."), JSON($0.value)) })),
                                  ("events", v.events.map(events) ?? .null)]))
            })),
            ("design", .array((1...design.count).map { p in .array(design.values(at: p).map(JSON.string)) })),
        ] + (plan.sharedSeeds ? [("seeds", .string("shared"))] : []) + [
            ("keys", .array(keys.map(JSON.string))),
            ("tables", .array(headers.map { .string($0.file) })),
            ("every", .number(Double(outputs.every))),
            ("snapshot_every", .number(Double(outputs.snapshotEvery))),
        ])
    }

    /// FNV-1a (64-bit) of `fingerprint`'s text, in hex.
    public static func hash(_ fingerprint: JSON) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in fingerprint.rendered().utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
