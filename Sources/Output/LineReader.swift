import Foundation

/// Reads a file line by line in 1 MiB chunks, so a table of any size streams through in constant
/// memory. Lines keep their terminator (`\n` for our CSV; `\r\n` is read too); fields never hold line breaks. The
/// checksum of what has been read so far is kept, to compare with a manifest's at the end.
public final class LineReader {
    public var path: String { chunks.path }
    private let chunks: ChunkReader
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    /// Lines read so far (the one `next` returned last included).
    public private(set) var lineNumber = 0
    /// Of every byte read from the file so far: its digest equals the file's once `next` returned nil.
    public private(set) var checksum = Checksum()

    public init(path: String) throws {
        chunks = try ChunkReader(path: path)
    }

    /// The next line with its terminator, or nil at the end of the file.
    public func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 10) {
                defer { start = nl + 1 }
                lineNumber += 1
                return buffer[start...nl]
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                lineNumber += 1
                return buffer[start...]
            }
            buffer.removeFirst(start)
            start = 0
            if let chunk = try chunks.next() {
                checksum.add(chunk)
                buffer += chunk
            } else { atEnd = true }
        }
    }

    /// The fields of one CSV line (its terminator dropped): split on commas, or parsed as RFC 4180
    /// when it holds a quote (only text fields are ever quoted).
    public static func fields(_ line: ArraySlice<UInt8>) -> [String] {
        var body = line
        while let last = body.last, last == 10 || last == 13 { body.removeLast() }
        if body.contains(34) { return CSVReader.parse(String(decoding: body, as: UTF8.self)).first ?? [] }
        return body.split(separator: 44, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The leading integer of a line (the run_id of every per-run row), if it starts with one.
    public static func leadingInteger(_ line: ArraySlice<UInt8>) -> Int? {
        var value = 0, digits = 0
        for byte in line {
            guard byte >= 48 && byte <= 57 else { break }
            value = value * 10 + Int(byte - 48)
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
