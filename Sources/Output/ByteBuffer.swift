/// Bytes appended in place: `storage` holds bytes to its end (what is past `count` is room), so text is written
/// through a pointer into the room, one check for room per piece, where `append(contentsOf:)` on an array cost
/// about 90 instructions.
struct ByteBuffer {
    private var storage: [UInt8]
    private(set) var count = 0

    /// The room is left uninitialised (bytes need no initialisation to be overwritten); only `count` bytes are
    /// ever read.
    init(capacity: Int = 256) {
        storage = [UInt8](unsafeUninitializedCapacity: capacity) { $1 = capacity }
    }

    /// Calls `body` with room for `room` bytes at the end; `body` returns how many it wrote.
    @inline(__always)
    mutating func write(room: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + room > storage.count { grow(to: count + room) }
        let start = count
        count += storage.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        write(room: 1) { $0.pointee = byte; return 1 }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        write(room: bytes.count) { to in
            guard let from = bytes.baseAddress else { return 0 }
            UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: bytes.count)
            return bytes.count
        }
    }

    mutating func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }
    mutating func append(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { append($0) } }

    /// Keeps the first `n` bytes (n <= count).
    mutating func truncate(to n: Int) {
        precondition(n >= 0 && n <= count, "truncate to \(n) of \(count) bytes")
        count = n
    }

    /// The bytes used.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    var array: [UInt8] { withBytes { Array($0) } }

    private mutating func grow(to needed: Int) {
        storage.append(contentsOf: repeatElement(0, count: max(needed, 2 * storage.count) - storage.count))
    }
}
