/// What a manifest records of each table it lists, and what `merge`, `sweep --resume` and `analyze`
/// check before they trust the file: its lines (the header included, if it has one), its bytes, and a
/// 64-bit checksum of its bytes in hex.
public struct TableDigest: Equatable, Sendable {
    public var lines: Int
    public var bytes: Int
    public var checksum: String

    public init(lines: Int, bytes: Int, checksum: String) { (self.lines, self.bytes, self.checksum) = (lines, bytes, checksum) }

    /// The digest of a file on disk, read in 1 MiB chunks.
    public init(file path: String) throws {
        var sum = Checksum()
        try sum.add(file: path)
        self = sum.digest
    }

    public func mismatch(_ expected: TableDigest) -> String? {
        if lines != expected.lines { return "has \(lines) lines, its manifest records \(expected.lines)" }
        if bytes != expected.bytes { return "has \(bytes) bytes, its manifest records \(expected.bytes)" }
        if checksum != expected.checksum { return "has checksum \(checksum), its manifest records \(expected.checksum)" }
        return nil
    }
}

/// A running checksum and line count of a byte stream, the same however the stream is cut into
/// pieces. Eight bytes at a time (a multiply-rotate mix, murmur3's finaliser at the end): detects
/// damage (truncation, edits, a duplicated or missing line), not tampering.
public struct Checksum: Sendable {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3
    private var pending: UInt64 = 0
    private var pendingCount = 0
    public private(set) var bytes = 0
    public private(set) var lines = 0

    public init() {}

    public mutating func add(_ buffer: UnsafeRawBufferPointer) {
        var i = 0
        let n = buffer.count
        bytes += n
        while pendingCount > 0 && pendingCount < 8 && i < n { take(byte: buffer[i]); i += 1 }
        if pendingCount == 8 { mix(pending); (pending, pendingCount) = (0, 0) }
        // The words in locals: the loop keeps the state in a register.
        var (state, lines) = (self.state, self.lines)
        while i + 8 <= n {
            let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            lines &+= Self.newlines(in: word)
            Self.mix(word, into: &state)
            i &+= 8
        }
        (self.state, self.lines) = (state, lines)
        while i < n { take(byte: buffer[i]); i += 1 }
        if pendingCount == 8 { mix(pending); (pending, pendingCount) = (0, 0) }
    }

    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }
    public mutating func add(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { add($0) } }

    /// Adds a whole file, in 1 MiB chunks.
    public mutating func add(file path: String) throws {
        let reader = try ChunkReader(path: path)
        while let chunk = try reader.next() { add(chunk) }
    }

    public var value: UInt64 {
        var h = state ^ pending ^ UInt64(bytes) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }

    public var hex: String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    public var digest: TableDigest { TableDigest(lines: lines, bytes: bytes, checksum: hex) }

    private mutating func take(byte: UInt8) {
        if byte == 10 { lines += 1 }
        pending |= UInt64(byte) << (8 * UInt64(pendingCount))
        pendingCount += 1
    }

    private mutating func mix(_ word: UInt64) { Self.mix(word, into: &state) }

    @inline(__always)
    private static func mix(_ word: UInt64, into state: inout UInt64) {
        let k = (word &* 0x87C3_7B91_1142_53D5)
        state = ((state ^ k) << 31 | (state ^ k) >> 33) &* 0x4CF5_AD43_2745_937F &+ 0x52DC_E729
    }

    /// How many bytes of `word` are '\n' (exact, no false positives): the top bit of each such byte is set
    /// in `marks`, and a multiply adds those up in the top byte (no popcount instruction in a generic build).
    @inline(__always)
    private static func newlines(in word: UInt64) -> Int {
        let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
        let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        let marks = ~(((x & low) &+ low) | x | low)
        return Int(truncatingIfNeeded: ((marks >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }
}

extension TableDigest {
    /// The digests of files as a manifest lists them: `[{file, lines, bytes, checksum}]`.
    public static func json(_ tables: [(file: String, digest: TableDigest)]) -> JSON {
        .array(tables.map { t in
            .object([("file", .string(t.file)), ("lines", .number(Double(t.digest.lines))),
                     ("bytes", .number(Double(t.digest.bytes))), ("checksum", .string(t.digest.checksum))])
        })
    }

    /// The digests a manifest lists, by file; nil when `value` is not such a list.
    public static func records(_ value: Any?) -> [String: TableDigest]? {
        guard let list = value as? [[String: Any]] else { return nil }
        var out: [String: TableDigest] = [:]
        for item in list {
            guard let file = item["file"] as? String, let lines = item["lines"] as? Int, let bytes = item["bytes"] as? Int,
                  let checksum = item["checksum"] as? String else { return nil }
            out[file] = TableDigest(lines: lines, bytes: bytes, checksum: checksum)
        }
        return out
    }
}
