#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in fixed-size chunks, so that a reader's memory does not grow with the file;
/// or bytes already in memory, served as one chunk. Every file propice reads is opened here:
/// only regular files are, so a named pipe, a device (`/dev/urandom`), a socket or a link to
/// one is refused at once, never read (or waited on) without end.
final class ByteSource {
    let path: String
    /// The open file, or -1 for bytes in memory.
    private let fd: Int32
    private var memoryPending = false
    /// The current chunk: `count` valid bytes starting at `buffer`.
    let buffer: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    /// The file offset of `buffer[0]`.
    private(set) var chunkOffset = 0
    private let capacity: Int
    /// Whether `buffer` was allocated here, and is freed with the source.
    private let ownsBuffer: Bool

    /// The file's size in bytes when it was opened; the size of the bytes in memory.
    let size: Int

    init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        // The kind is told before opening (opening a socket fails, a pipe may block), and again
        // once open without blocking, in case the path changed in between.
        var info = stat()
        if stat(path, &info) == 0, let refusal = Self.refusal(of: info.st_mode) { throw InputError(file: path, message: refusal) }
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(file: path, message: "cannot open: \(systemErrorMessage())") }
        guard fstat(fd, &info) == 0 else {
            let reason = systemErrorMessage()
            closeFile(fd)
            throw InputError(file: path, message: "cannot read: \(reason)")
        }
        if let refusal = Self.refusal(of: info.st_mode) {
            closeFile(fd)
            throw InputError(file: path, message: refusal)
        }
        size = Int(info.st_size)
        capacity = chunkSize
        buffer = .allocate(capacity: chunkSize)
        ownsBuffer = true
    }

    /// Why a file of this mode is not read, nil for a regular file.
    private static func refusal(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "is a folder, not a file"
        case S_IFIFO: "is a named pipe (FIFO), not a regular file"
        case S_IFCHR: "is a character device, not a regular file"
        case S_IFBLK: "is a block device, not a regular file"
        case S_IFSOCK: "is a socket, not a regular file"
        default: "is not a regular file"
        }
    }

    /// Bytes in memory, reported in errors as part of `path` from `startOffset` on.
    init(path: String, bytes: some Collection<UInt8>, startOffset: Int) {
        self.path = path
        fd = -1
        capacity = bytes.count
        size = bytes.count
        buffer = .allocate(capacity: max(bytes.count, 1))
        ownsBuffer = true
        _ = UnsafeMutableBufferPointer(start: buffer, count: bytes.count).initialize(from: bytes)
        chunkOffset = startOffset
        memoryPending = true
    }

    /// Bytes in memory read in place, without a copy: the caller keeps them alive and unchanged
    /// for as long as the source is used.
    init(path: String, borrowing bytes: UnsafeBufferPointer<UInt8>, startOffset: Int) {
        self.path = path
        fd = -1
        capacity = bytes.count
        size = bytes.count
        if let start = bytes.baseAddress {
            buffer = UnsafeMutablePointer(mutating: start)
            ownsBuffer = false
        } else {
            buffer = .allocate(capacity: 1)
            ownsBuffer = true
        }
        chunkOffset = startOffset
        memoryPending = true
    }

    /// The size of the file at `path` in bytes, nil if it cannot be read.
    static func size(of path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// Reads the next chunk in place of the current one. Returns false at the end of the file.
    func next() throws -> Bool {
        chunkOffset += count
        count = 0
        if fd < 0 {
            count = memoryPending ? capacity : 0
            memoryPending = false
            return count > 0
        }
        while true {
            let n = read(fd, buffer, capacity)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: path, location: .byteOffset(chunkOffset), message: "cannot read: \(systemErrorMessage())")
            }
            count = n
            return n > 0
        }
    }

    deinit {
        if ownsBuffer { buffer.deallocate() }
        if fd >= 0 { closeFile(fd) }
    }
}

/// Closes a descriptor whose close cannot fail usefully (a file only read).
func closeFile(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}
