import CLibCrypto
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
        let hash = SHA256()
        var total = 0
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            block.withUnsafeBytes { hash.update($0) }
            total += block.count
        }
        self.init(bytes: total, digest: hash.finalize())
    }

    /// The checksum of bytes in memory.
    public init(of bytes: some ContiguousBytes) {
        let hash = SHA256()
        let count = bytes.withUnsafeBytes { buffer in
            hash.update(buffer)
            return buffer.count
        }
        self.init(bytes: count, digest: hash.finalize())
    }

    private init(bytes: Int, digest: [UInt8]) {
        self.bytes = bytes
        let hex = Array("0123456789abcdef".utf8)
        sha256 = String(decoding: digest.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}

/// SHA-256 through OpenSSL's libcrypto (EVP). Its calls fail only when memory runs out.
private final class SHA256 {
    private let context: OpaquePointer

    init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto cannot start a SHA-256 digest: out of memory")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        guard EVP_DigestUpdate(context, base, bytes.count) == 1 else { fatalError("libcrypto cannot update a SHA-256 digest") }
    }

    func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else { fatalError("libcrypto cannot finish a SHA-256 digest") }
        return Array(digest.prefix(Int(length)))
    }
}
