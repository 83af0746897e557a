import Foundation
import Output

/// Where `analyze` writes: a folder that is new, empty, or holds only analyze's own earlier output
/// (anything else, a sweep's tables or a user's file, is refused, never touched). Tables are written
/// under temporary names and renamed into place, replacing only analyze's own files; analysis.json
/// goes last, so a folder without it holds no finished analysis.
final class AnalysisFolder {
    static let own = ["statistics.csv", "statistics_summary.csv", "analysis.json"]
    /// What earlier versions of analyze wrote and this one replaces (its summary was summary.csv, the name
    /// of a sweep's own summary).
    static let legacy = ["summary.csv"]

    let path: String
    private var tables: [(file: String, writer: CSVWriter)] = []
    private let created: Bool

    init(_ path: String) throws {
        self.path = path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let abandoned = Disk.leftovers(in: path).filter(\.isAbandoned).map(\.entry)
        let foreign = entries.filter { !(Self.own + Self.legacy).contains($0) && !abandoned.contains($0) }.sorted()
        guard foreign.isEmpty else {
            throw AnalysisError.directory(path, "holds files analyze did not write (\(foreign.prefix(3).joined(separator: ", "))"
                + "\(foreign.count > 3 ? ", ..." : "")): analyze writes statistics.csv, statistics_summary.csv and analysis.json "
                + "into a folder of its own; choose another --out")
        }
        created = !FileManager.default.fileExists(atPath: path)
        do {
            try Disk.makeDirectory(path)
            for entry in abandoned { try Disk.remove(path + "/" + entry) }
        } catch let failure as Disk.Failure {
            throw AnalysisError.directory(path, failure.description)
        }
    }

    /// A table written under a temporary name until `commit`.
    func table(_ file: String, header: [String]) throws -> CSVWriter {
        let writer = try CSVWriter(path: Disk.temporaryPath(for: path + "/" + file), header: header)
        tables.append((file, writer))
        return writer
    }

    /// Puts every table in place, then analysis.json; returns the paths written.
    func commit(source: SweepTables, settings: AnalysisSettings, report: Analysis.Report) throws -> [String] {
        try Disk.remove(path + "/analysis.json")
        for file in Self.legacy { try Disk.remove(path + "/" + file) }
        for (file, writer) in tables {
            try writer.close()
            try Disk.rename(writer.path, to: path + "/" + file)
        }
        let json = JSON.object([
            ("drypowder_version", .string(Manifest.version)),
            ("sweep", .string(source.directory)),
            ("config_hash", source.configHash.map(JSON.string) ?? .null),
            ("tables_verified", .bool(source.verified)),
            ("settings", .object([("max_lag", .number(Double(settings.maxLag))), ("tail_fraction", .number(settings.tailFraction)),
                                  ("drawdown", .number(settings.drawdown)), ("burn_in", .number(Double(settings.burnIn)))])),
            ("runs", .number(Double(report.runs))),
            ("runs_analysed", .number(Double(report.analysed))),
            ("tables", TableDigest.json(tables.map { ($0.file, $0.writer.checksum.digest) })),
        ])
        try Disk.replace(path + "/analysis.json", with: Array((json.rendered() + "\n").utf8))
        return tables.map { path + "/" + $0.file } + [path + "/analysis.json"]
    }

    /// Removes the temporaries (and the folder, if this analysis created it and it is empty).
    func discard() {
        for (_, writer) in tables { try? Disk.remove(writer.path) }
        if created, (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == true { try? Disk.remove(path) }
    }
}
