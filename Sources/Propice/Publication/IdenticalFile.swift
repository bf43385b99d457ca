import Foundation

/// Whether the file in place already holds the bytes a build is about to write, so that the
/// build keeps it (`StagedOutput`) rather than creating a file to replace it with the same bytes.
enum IdenticalFile {
    /// Whether `path` is a regular file (not a link, nor a file with other names) of exactly
    /// `bytes`. A file that cannot be read is not identical: it is written again.
    static func holds(_ path: String, _ bytes: [UInt8]) -> Bool {
        // Not blocking on a named pipe: it is refused once open, as any file not regular.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1, Int(info.st_size) == bytes.count else {
            return false
        }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var compared = 0
        return bytes.withUnsafeBytes { expected in
            block.withUnsafeMutableBytes { block in
                while true {
                    let count = read(fd, block.baseAddress, block.count)
                    guard count > 0 else { return count == 0 && compared == expected.count }
                    guard compared + count <= expected.count, let read = block.baseAddress, let start = expected.baseAddress,
                          memcmp(read, start + compared, count) == 0 else { return false }
                    compared += count
                }
            }
        }
    }
}
