import Foundation

/// Writes RFC 4180 CSV, but with LF line ends (what awk, cut and every data frame library expect): a
/// header row, fields quoted only when they hold a comma,
/// quote or line break. Doubles are written by Swift's shortest round-trip form (`0.1`, `1e-05`, `3.0`):
/// locale-free, with `.` as decimal point, parsed back to the identical bits, and always with a fraction
/// or an exponent, so that a reader types the column as floating point from any row. Columns of whole
/// numbers (steps, counts) are marked (`wholeNumbers`) and written without one.
public final class CSVWriter {
    private let file: Disk.File
    private var buffer: [UInt8] = []
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
        buffer.reserveCapacity(1 << 16)
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
        // The row is built in a local stream (one access to the buffer, not one per byte). A number's
        // `write(to:)` hands the standard library's shortest round-trip digits (`format`'s) to the stream's
        // `_writeASCII`: no String per number (one of 16 bytes or more costs a malloc). For a finite value
        // (non-finite ones were rejected above) those are the characters of `description`.
        var row = ByteSink()
        swap(&row.bytes, &buffer)
        row.bytes.append(contentsOf: prefixBytes)
        var first = rowPrefix.isEmpty  // not prefixBytes: a prefix of one empty field has no bytes
        for field in fields {
            if !first { row.bytes.append(UInt8(ascii: ",")) }
            Self.append(field, to: &row.bytes)
            first = false
        }
        let whole = wholeNumbers
        for i in values.indices {
            if !first { row.bytes.append(UInt8(ascii: ",")) }
            first = false
            Self.append(values[i], whole: i < whole.count && whole[i], to: &row)
        }
        row.bytes.append(10)
        swap(&row.bytes, &buffer)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// A finite number's text: `whole(x)`'s in a column of whole numbers, else `format(x)`'s.
    fileprivate static func append(_ x: Double, whole: Bool, to row: inout ByteSink) {
        if whole {
            appendWhole(x, to: &row.bytes)
        } else if x == x.rounded(.towardZero) && abs(x) < 1e15 {
            // A whole number (zeros above all) is its digits and ".0", as `format` writes it: the
            // general conversion costs about 500 instructions.
            if x.sign == .minus { row.bytes.append(UInt8(ascii: "-")) }
            appendWhole(abs(x), to: &row.bytes)
            row.bytes.append(UInt8(ascii: "."))
            row.bytes.append(UInt8(ascii: "0"))
        } else {
            x.write(to: &row)
        }
    }

    /// A row built a field at a time by `build` (`field` and `number` in column order): the bytes
    /// `writeRow(_:then:)` writes, without an array per row. If `build` throws (a non-finite number),
    /// nothing of the row is written.
    public func writeRow(_ build: (inout Row) throws -> Void) throws {
        var row = Row(path: path, fields: rowPrefix.count, whole: wholeNumbers)
        swap(&row.sink.bytes, &buffer)
        let start = row.sink.bytes.count
        row.sink.bytes.append(contentsOf: prefixBytes)
        do {
            try build(&row)
        } catch {
            row.sink.bytes.removeSubrange(start...)
            swap(&row.sink.bytes, &buffer)
            throw error
        }
        row.sink.bytes.append(10)
        swap(&row.sink.bytes, &buffer)
        precondition(row.fields == columns, "row has \(row.fields) fields, header has \(columns)")
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// The row `writeRow(_:)` is building, after the writer's row prefix.
    public struct Row {
        fileprivate var sink = ByteSink()
        fileprivate let path: String
        fileprivate var fields: Int, numbers = 0
        fileprivate let whole: [Bool]

        fileprivate init(path: String, fields: Int, whole: [Bool]) {
            (self.path, self.fields, self.whole) = (path, fields, whole)
        }

        /// The next field, a text quoted where needed.
        public mutating func field(_ text: String) {
            if fields > 0 { sink.bytes.append(UInt8(ascii: ",")) }
            CSVWriter.append(text, to: &sink.bytes)
            fields += 1
        }

        /// The next field, a number (written as the column's `wholeNumbers` entry says); a non-finite
        /// one throws, naming its column.
        public mutating func number(_ x: Double) throws {
            guard x.isFinite else { throw OutputError.nonFinite(path, column: fields + 1, x) }
            if fields > 0 { sink.bytes.append(UInt8(ascii: ",")) }
            CSVWriter.append(x, whole: numbers < whole.count && whole[numbers], to: &sink)
            (fields, numbers) = (fields + 1, numbers + 1)
        }
    }

    /// Bytes that are already whole rows of this table (a part of it written earlier).
    public func writeRaw(_ rows: ArraySlice<UInt8>) throws {
        buffer.append(contentsOf: rows)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try file.write(buffer)
        checksum.add(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Drops every row written so far, header included (a failed run's rows are discarded).
    public func truncate() throws {
        buffer.removeAll(keepingCapacity: true)
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
        var bytes: [UInt8] = []
        appendWhole(x, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `whole(x)`'s bytes without building a String.
    static func appendWhole(_ x: Double, to buffer: inout [UInt8]) {
        precondition(x == x.rounded() && abs(x) < 1e15, "\(x) reached a CSV column of whole numbers")
        var n = Int64(x)
        if n < 0 { buffer.append(UInt8(ascii: "-")); n = -n }
        let start = buffer.count
        repeat {
            buffer.append(UInt8(ascii: "0") + UInt8(n % 10))
            n /= 10
        } while n > 0
        buffer[start...].reverse()
    }

    /// One row of text fields as a line, quoted where needed (for a file appended to a row at a time).
    public static func line(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field, to: &bytes)
        }
        bytes.append(10)
        return bytes
    }

    static func append(_ field: String, to buffer: inout [UInt8]) {
        var field = field
        field.withUTF8 { bytes in  // the string's own storage, not a copy
            guard bytes.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else {
                buffer.append(contentsOf: bytes)
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

/// A text stream into bytes: numbers arrive through `_writeASCII` as ASCII, never as a String.
private struct ByteSink: TextOutputStream {
    var bytes: [UInt8] = []
    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}
