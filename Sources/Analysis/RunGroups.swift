import Output

/// A per-run table of a sweep directory (timeseries.csv, flows.csv), read one run at a time.
/// Rows are in run_id order, so a run's rows are contiguous and the file streams through once.
final class RunGroups {
    let path: String
    let header: [String]
    private let reader: LineReader
    private var pending: (id: Int, fields: [String])?

    init(path: String) throws {
        self.path = path
        reader = try LineReader(path: path)
        guard let first = try reader.next() else { throw AnalysisError.table(path, "is empty") }
        header = LineReader.fields(first)
        guard header.first == "run_id" else { throw AnalysisError.table(path, "does not start with run_id") }
        pending = try read()
    }

    /// The index of column `name`, or an error naming the file and the column.
    func column(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else { throw AnalysisError.table(path, "has no column \(name)") }
        return i
    }

    /// The rows of run `id`; earlier runs not asked for are skipped, and a run without rows has none.
    func rows(of id: Int) throws -> [[String]] {
        var rows: [[String]] = []
        while let row = pending, row.id <= id {
            if row.id == id { rows.append(row.fields) }
            pending = try read()
        }
        return rows
    }

    private func read() throws -> (id: Int, fields: [String])? {
        guard let line = try reader.next() else { return nil }
        let fields = LineReader.fields(line)
        guard fields.count == header.count, let id = Int(fields[0]) else {
            throw AnalysisError.table(path, "has a row of \(fields.count) fields (header \(header.count)) or without a run_id")
        }
        return (id, fields)
    }
}

public enum AnalysisError: Error, CustomStringConvertible {
    case table(String, String)
    case directory(String, String)

    public var description: String {
        switch self {
        case let .table(path, message): "\(path): \(message)"
        case let .directory(path, message): "\(path): \(message)"
        }
    }
}
