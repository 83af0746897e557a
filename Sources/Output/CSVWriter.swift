import Foundation

/// Writes RFC 4180 CSV, but with LF line ends (what awk, cut and every data frame library expect): a
/// header row, fields quoted only when they hold a comma,
/// quote or line break. Doubles are written by Swift's shortest round-trip form (`0.1`, `1e-05`, `3.0`):
/// locale-free, with `.` as decimal point, parsed back to the identical bits, and always with a fraction
/// or an exponent, so that a reader types the column as floating point from any row. Columns of whole
/// numbers (steps, counts) are marked (`wholeNumbers`) and written without one.
public final class CSVWriter {
    private let file: Disk.File
    private var buffer = ByteBuffer(capacity: 1 << 16 + 1 << 12)
    private let columns: Int
    /// Of every byte handed to the file so far (call after `close` for the whole file's).
    public private(set) var checksum = Checksum()
    /// For the numbers of `writeRow(_:then:)`, in order: true where the column holds whole numbers.
    public var wholeNumbers: [Bool] = []
    /// Leading fields of every row written from now on (a sweep's run columns), quoted once here.
    public var rowPrefix: [String] = [] {
        didSet { prefixBytes = rowPrefix.isEmpty ? [] : Array(Self.line(rowPrefix).dropLast()) }
    }
    private var prefixBytes: [UInt8] = []

    /// A file starting with `header`; with `writingHeader` false the header only fixes the column count
    /// (for parts of a table that are concatenated under one header later).
    public init(path: String, header: [String], writingHeader: Bool = true) throws {
        file = try Disk.File(creating: path)
        columns = header.count
        if writingHeader { try writeRow(header) }
    }

    public var path: String { file.path }

    /// A row of text fields, quoted where needed.
    public func writeRow(_ fields: [String]) throws { try writeRow(fields, then: []) }

    /// Numbers never need quotes: their text goes straight into the buffer.
    public func writeRow(_ values: [Double]) throws { try writeRow([], then: values) }

    /// A row of text fields (a run's identity, say) followed by numbers, after `rowPrefix`.
    public func writeRow(_ fields: [String], then values: [Double]) throws {
        let count = rowPrefix.count + fields.count + values.count
        precondition(count == columns, "row has \(count) fields, header has \(columns)")
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw OutputError.nonFinite(path, column: rowPrefix.count + fields.count + i + 1, values[i])
        }
        // Numbers are written in place, no String per number (one of 16 bytes or more costs a malloc); for
        // a finite value (non-finite ones were rejected above) their text is `format`'s.
        buffer.append(prefixBytes)
        var first = rowPrefix.isEmpty  // not prefixBytes: a prefix of one empty field has no bytes
        for field in fields {
            if !first { buffer.append(UInt8(ascii: ",")) }
            Self.append(field, to: &buffer)
            first = false
        }
        let whole = wholeNumbers
        for i in values.indices {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            Self.append(values[i], whole: i < whole.count && whole[i], to: &buffer)
        }
        buffer.append(10)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// A finite number's text: `whole(x)`'s in a column of whole numbers, else `format(x)`'s.
    fileprivate static func append(_ x: Double, whole: Bool, to buffer: inout ByteBuffer) {
        if whole {
            appendWhole(x, to: &buffer)
        } else {
            ShortestDecimal.append(x, to: &buffer)
        }
    }

    /// A row built a field at a time by `build` (`field` and `number` in column order): the bytes
    /// `writeRow(_:then:)` writes, without an array per row. If `build` throws (a non-finite number),
    /// nothing of the row is written.
    public func writeRow(_ build: (inout Row) throws -> Void) throws {
        var row = Row(path: path, fields: rowPrefix.count, whole: wholeNumbers)
        swap(&row.sink, &buffer)
        let start = row.sink.count
        row.sink.append(prefixBytes)
        do {
            try build(&row)
        } catch {
            row.sink.truncate(to: start)
            swap(&row.sink, &buffer)
            throw error
        }
        row.sink.append(10)
        swap(&row.sink, &buffer)
        precondition(row.fields == columns, "row has \(row.fields) fields, header has \(columns)")
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// The row `writeRow(_:)` is building, after the writer's row prefix.
    public struct Row {
        fileprivate var sink = ByteBuffer(capacity: 0)
        fileprivate let path: String
        fileprivate var fields: Int, numbers = 0
        fileprivate let whole: [Bool]

        fileprivate init(path: String, fields: Int, whole: [Bool]) {
            (self.path, self.fields, self.whole) = (path, fields, whole)
        }

        /// The next field, a text quoted where needed.
        public mutating func field(_ text: String) {
            if fields > 0 { sink.append(UInt8(ascii: ",")) }
            CSVWriter.append(text, to: &sink)
            fields += 1
        }

        /// The next field, a number (written as the column's `wholeNumbers` entry says); a non-finite
        /// one throws, naming its column.
        public mutating func number(_ x: Double) throws {
            guard x.isFinite else { throw OutputError.nonFinite(path, column: fields + 1, x) }
            if fields > 0 { sink.append(UInt8(ascii: ",")) }
            CSVWriter.append(x, whole: numbers < whole.count && whole[numbers], to: &sink)
            (fields, numbers) = (fields + 1, numbers + 1)
        }
    }

    /// Bytes that are already whole rows of this table (a part of it written earlier).
    public func writeRaw(_ rows: ArraySlice<UInt8>) throws {
        buffer.append(rows)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func flush() throws {
        guard buffer.count > 0 else { return }
        try buffer.withBytes { bytes in
            try file.write(bytes)
            checksum.add(bytes)
        }
        buffer.truncate(to: 0)
    }

    /// Drops every row written so far, header included (a failed run's rows are discarded).
    public func truncate() throws {
        buffer.truncate(to: 0)
        try file.truncate()
        checksum = Checksum()
    }

    /// Flushes, syncs to the device and closes; call once, at the end.
    public func close() throws {
        try flush()
        try file.close()
    }

    /// A value of a floating-point column: `3.0`, `0.1`, `1e+20`.
    public static func format(_ x: Double) -> String {
        precondition(x.isFinite, "non-finite value reached the CSV writer")
        return x.description
    }

    /// A value of a column of whole numbers (a step, a count): `3`.
    public static func whole(_ x: Double) -> String {
        var bytes = ByteBuffer()
        appendWhole(x, to: &bytes)
        return bytes.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends `whole(x)`'s bytes without building a String.
    static func appendWhole(_ x: Double, to buffer: inout ByteBuffer) {
        precondition(x == x.rounded() && abs(x) < 1e15, "\(x) reached a CSV column of whole numbers")
        if x < 0 { buffer.append(UInt8(ascii: "-")) }
        var n = UInt64(abs(x)), digits = 1, p: UInt64 = 10
        while n >= p { (digits, p) = (digits + 1, p * 10) }
        buffer.write(room: digits) { out in
            for i in stride(from: digits - 1, through: 0, by: -1) {
                out[i] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            }
            return digits
        }
    }

    /// One row of text fields as a line, quoted where needed (for a file appended to a row at a time).
    public static func line(_ fields: [String]) -> [UInt8] {
        var bytes = ByteBuffer()
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field, to: &bytes)
        }
        bytes.append(10)
        return bytes.array
    }

    static func append(_ field: String, to buffer: inout ByteBuffer) {
        var field = field
        field.withUTF8 { bytes in  // the string's own storage, not a copy
            guard bytes.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else {
                buffer.append(UnsafeRawBufferPointer(bytes))
                return
            }
            buffer.append(34)
            for byte in bytes {
                if byte == 34 { buffer.append(34) }
                buffer.append(byte)
            }
            buffer.append(34)
        }
    }
}

/// Parses RFC 4180 text back into rows (used by tests and `merge`-style tooling).
public enum CSVReader {
    public static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, afterQuote = false
        var it = Array(text.unicodeScalars)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" {
                    if it.first == "\"" { field.unicodeScalars.append("\""); it.removeFirst() } else { quoted = false; afterQuote = true }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            case ",": row.append(field); field = ""; afterQuote = false
            case "\r": break
            case "\n": row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case cannotFinish(String, String)
    /// A NaN or infinity reached a table: never written, always an error.
    case nonFinite(String, column: Int, Double)

    public var description: String {
        switch self {
        case let .cannotFinish(path, why): return "cannot finish \(path): \(why)"
        case let .nonFinite(path, column, x): return "\(path): column \(column) would hold \(x); a table never holds NaN or infinity"
        }
    }
}
