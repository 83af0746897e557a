import Output

/// A per-run table of a sweep directory (timeseries.csv, flows.csv), read one run at a time.
/// Rows are in run_id order, so a run's rows are contiguous and the file streams through once.
/// Every row is checked as it is read (field count, run_id order, no row repeated), and at the end
/// the whole file against the digest its sweep's manifest records.
final class RunGroups {
    /// One row and the line it was read from (1-based, the header is line 1).
    struct Row {
        let line: Int
        let fields: [String]
        var runID: String { fields[0] }
    }

    /// A table's file and header: how to find a column and read a number from a row.
    struct Columns {
        let path: String
        let header: [String]

        /// The index of column `name`, or an error naming the file and the column.
        func index(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else { throw AnalysisError.table(path, "has no column \(name)") }
            return i
        }

        /// The finite number in `column` of `row`, or an error naming file, line and column.
        func number(_ row: Row, _ column: Int) throws -> Double {
            let text = row.fields[column]
            guard let x = Double(text), x.isFinite else {
                throw AnalysisError.table("\(path):\(row.line)", "column \(column + 1) (\(header[column])): expected a finite number, found '\(text)'")
            }
            return x
        }
    }

    let columns: Columns
    var path: String { columns.path }
    var header: [String] { columns.header }
    private let reader: LineReader
    private let expected: TableDigest?
    private var pending: (id: Int, row: Row)?
    private var previous: (id: Int, line: ArraySlice<UInt8>)?

    init(path: String, expected: TableDigest?) throws {
        self.expected = expected
        reader = try LineReader(path: path)
        guard let first = try reader.next() else { throw AnalysisError.table(path, "is empty") }
        columns = Columns(path: path, header: LineReader.fields(first))
        guard columns.header.first == "run_id" else { throw AnalysisError.table(path, "does not start with run_id") }
        pending = try read()
    }

    func column(_ name: String) throws -> Int { try columns.index(name) }

    /// The rows of run `id`; earlier runs not asked for are skipped, and a run without rows has none.
    func rows(of id: Int) throws -> [Row] {
        var rows: [Row] = []
        while let (rowID, row) = pending, rowID <= id {
            if rowID == id { rows.append(row) }
            pending = try read()
        }
        return rows
    }

    /// Reads the rest of the file and checks it whole against its manifest's digest.
    func finish() throws {
        while pending != nil { pending = try read() }
        if let expected, let why = reader.checksum.digest.mismatch(expected) {
            throw AnalysisError.table(path, why + " (damaged since the sweep wrote it?)")
        }
    }

    private func read() throws -> (id: Int, row: Row)? {
        guard let line = try reader.next() else { return nil }
        let at = "\(path):\(reader.lineNumber)"
        guard line.last == 10 else { throw AnalysisError.table(at, "the last row is cut short (no line end)") }
        let fields = LineReader.fields(line)
        guard fields.count == header.count, let id = Int(fields[0]) else {
            throw AnalysisError.table(at, "a row of \(fields.count) fields (header \(header.count)) or without a run_id")
        }
        if let previous {
            guard id >= previous.id else { throw AnalysisError.table(at, "run \(id) after run \(previous.id): rows out of run_id order") }
            guard line != previous.line else { throw AnalysisError.table(at, "repeats the row before it") }
        }
        previous = (id, line)
        return (id, Row(line: reader.lineNumber, fields: fields))
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
