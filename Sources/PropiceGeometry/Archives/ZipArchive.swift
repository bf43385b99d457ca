import Foundation
import ZIPFoundation

/// A zip archive read through ZIPFoundation, whose members are inflated on demand within a
/// bound: a member that declares, or inflates to, more than `maximumMemberSize` is an error, so
/// that a small hostile archive cannot fill the memory. The archive is read from its file, not
/// from memory: ZIPFoundation's in-memory reader traps on offsets past the end of the data.
final class ZipArchive {
    /// The most a member may inflate to: the size of the largest table propice reads.
    static let maximumMemberSize = 1 << 30

    let path: String
    private let archive: Archive

    init(path: String) throws {
        self.path = path
        let start = try ByteSource(path: path, chunkSize: 2)
        guard try start.next(), start.count == 2, start.buffer[0] == 0x50, start.buffer[1] == 0x4B else {
            throw InputError(file: path, message: "is not a zip archive: it does not start with the zip signature 'PK'")
        }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw InputError(file: path, message: "is not a readable zip archive (its central directory cannot be read: \(error))")
        }
    }

    /// The names of the archive's files, in the archive's order.
    var memberNames: [String] { archive.filter { $0.type == .file }.map(\.path) }

    /// The size of a member once inflated, as the archive declares it; nil for no such member.
    func declaredSize(of member: String) -> Int? {
        archive[member].map { Int(clamping: $0.uncompressedSize) }
    }

    /// The size of all the archive's files once inflated, as the archive declares them.
    var declaredSize: Int {
        archive.reduce(0) { $0 &+ Int(clamping: $1.uncompressedSize) }
    }

    /// The inflated bytes of a member, or an error naming the members there are.
    func contents(of member: String) throws -> [UInt8] {
        guard let entry = archive[member], entry.type == .file else {
            let names = memberNames.map { "'\($0)'" }.joined(separator: ", ")
            throw InputError(file: path, message: "no member '\(member)' in the archive; its members are \(names.isEmpty ? "none" : names)")
        }
        let declared = entry.uncompressedSize
        guard declared <= UInt64(Self.maximumMemberSize) else {
            throw InputError(file: path, message: "member '\(member)' declares \(declared) bytes once inflated, more than the \(Self.maximumMemberSize) propice reads")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(declared))
        do {
            // The CRC is checked below, by zlib: ZIPFoundation's own computes it byte by byte. Chunks
            // of 256 KiB, not its 16 KiB: it allocates every chunk it reads and inflates.
            _ = try archive.extract(entry, bufferSize: 1 << 18, skipCRC32: true) { chunk in
                guard bytes.count + chunk.count <= Int(declared) else { throw Overflow() }
                bytes.append(contentsOf: chunk)
            }
        } catch is Overflow {
            throw InputError(file: path, message: "member '\(member)' inflates to more than the \(declared) bytes it declares")
        } catch {
            throw InputError(file: path, message: "member '\(member)' cannot be inflated: \(error)")
        }
        guard bytes.count == Int(declared) else {
            throw InputError(file: path, message: "member '\(member)' inflates to \(bytes.count) bytes, not the \(declared) it declares")
        }
        let crc = bytes.withUnsafeBytes { CRC32Checksum.of($0) }
        guard crc == entry.checksum else {
            throw InputError(file: path, message: "member '\(member)' is damaged: its bytes' CRC-32 is \(String(format: "%08X", crc)), "
                             + "not the \(String(format: "%08X", entry.checksum)) the archive records")
        }
        return bytes
    }

    /// Whether the archive has a member of that name.
    func contains(_ member: String) -> Bool { archive[member]?.type == .file }

    private struct Overflow: Error {}

    /// The bytes of a zip archive holding `members` (name and bytes) deflated, in that order,
    /// all dated `date`: the same members give the same bytes.
    static func archive(_ members: [(name: String, bytes: [UInt8])], date: Date) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in members {
            let data = Data(bytes)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                 permissions: 0o644, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ZipWriteError() }
        return [UInt8](data)
    }

    private struct ZipWriteError: Error, CustomStringConvertible {
        var description: String { "the zip archive could not be made in memory" }
    }
}
