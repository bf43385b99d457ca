import Crypto
import Foundation
import PropiceGeometry

/// A file's size and SHA-256, as `metadata.json` lists them so that anyone can check that a
/// map was made from the files they hold.
public struct FileChecksum: Codable, Sendable, Equatable {
    public var bytes: Int
    public var sha256: String

    enum CodingKeys: String, CodingKey, CaseIterable { case bytes = "octets", sha256 }

    /// Reads the file in blocks.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(file: path, message: "cannot read the file") }
        defer { try? handle.close() }
        var hash = SHA256()
        var total = 0
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            hash.update(data: block)
            total += block.count
        }
        self.init(bytes: total, digest: hash.finalize())
    }

    /// The checksum of bytes in memory.
    public init(of bytes: some DataProtocol) {
        self.init(bytes: bytes.count, digest: SHA256.hash(data: bytes))
    }

    private init(bytes: Int, digest: SHA256.Digest) {
        self.bytes = bytes
        sha256 = digest.map { String(format: "%02x", $0) }.joined()
    }
}
