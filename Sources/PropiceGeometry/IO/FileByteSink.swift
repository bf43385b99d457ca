#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file that takes bytes in blocks. Writers encode into a buffer of their own and hand it
/// over whenever it passes `FileByteSink.blockSize`, so memory stays bounded.
final class FileByteSink {
    static let blockSize = 1 << 20
    let path: String
    private var fd: Int32

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw OutputError(file: path, message: "cannot create: \(systemErrorMessage())") }
    }

    /// Writes the bytes and empties the buffer, keeping its capacity.
    func drain(_ bytes: inout [UInt8]) throws {
        try writeAll(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes the bytes, all of them.
    func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw OutputError(file: path, message: "cannot write: \(systemErrorMessage())")
                }
                done += n
            }
        }
    }

    /// Closes the file, reporting a failure the system only tells at close.
    func close() throws {
        let result = closeDescriptor()
        guard result == 0 else { throw OutputError(file: path, message: "cannot close: \(systemErrorMessage())") }
    }

    private func closeDescriptor() -> Int32 {
        guard fd >= 0 else { return 0 }
        defer { fd = -1 }
        #if canImport(Glibc)
        return Glibc.close(fd)
        #else
        return Darwin.close(fd)
        #endif
    }

    deinit { _ = closeDescriptor() }
}
