import Foundation

/// Reads a file front to back in chunks of 1 MiB, so a table of any size streams through in
/// constant memory. Errors name the file.
public final class ChunkReader {
    public let path: String
    private var fd: Int32
    /// Not zeroed (bytes need no initialisation to be overwritten): `read` fills what is used, and zeroing 1 MiB
    /// cost more than reading a small part file.
    private var buffer = [UInt8](unsafeUninitializedCapacity: 1 << 20) { $1 = 1 << 20 }

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Disk.Failure(action: "read", path: path, code: errno) }
    }

    deinit { close(fd) }

    /// The next chunk, or nil at the end of the file.
    public func next() throws -> ArraySlice<UInt8>? {
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw Disk.Failure(action: "read", path: path, code: errno) }
            return n == 0 ? nil : buffer[0..<n]
        }
    }
}
