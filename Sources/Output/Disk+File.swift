import Foundation

extension Disk {
    /// A file open for writing.
    public final class File {
        public let path: String
        private var fd: Int32

        /// Creates `path` (empty, replacing a file there), or opens it to append to.
        public init(creating path: String, appending: Bool = false) throws {
            self.path = path
            Disk.crashPoint()
            let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC)
            fd = open(path, flags, 0o644)
            guard fd >= 0 else { throw Failure(action: "create", path: path, code: errno) }
        }

        deinit { if fd >= 0 { Glibc.close(fd) } }

        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            Disk.crashPoint()
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw Failure(action: "write", path: path, code: n < 0 ? errno : ENOSPC) }
                done += n
            }
        }

        public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

        /// Empties the file.
        public func truncate() throws {
            Disk.crashPoint()
            guard ftruncate(fd, 0) == 0 else { throw Failure(action: "truncate", path: path, code: errno) }
        }

        /// Flushes the file to the device and closes it; `sync` false only closes.
        public func close(sync: Bool = true) throws {
            guard fd >= 0 else { return }
            defer { fd = -1 }
            if sync && fdatasync(fd) != 0 {
                let code = errno
                Glibc.close(fd)
                throw Failure(action: "write", path: path, code: code)
            }
            guard Glibc.close(fd) == 0 else { throw Failure(action: "write", path: path, code: errno) }
        }
    }
}
