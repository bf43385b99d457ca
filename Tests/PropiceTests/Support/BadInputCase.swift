import Foundation
import Testing
import PropiceTestSupport

/// A case of the bad-input corpus (`Tests/BadInput/<name>.json`): one input of the demo spoiled
/// by a few edits, and the exact error `propice build` must stop with (`$PROJECT` stands for
/// the copy's folder).
struct BadInputCase: Decodable, Sendable, CustomTestStringConvertible {
    /// One change to the file's bytes, applied in order.
    enum Edit: Decodable, Sendable {
        /// The whole content.
        case content(String)
        /// The first occurrence of a text replaced.
        case replace(String, String)
        /// The file cut just after the first occurrence of a text.
        case cutAfter(String)
        /// The text re-encoded from UTF-8 to Latin-1.
        case latin1
        /// A line of that many bytes inserted after the first occurrence of a text.
        case hugeLineAfter(String, Int)
        /// Every member of a zip archive declared that many bytes once inflated (its local and
        /// central headers' uncompressed size).
        case zipDeclaredSize(UInt32)

        init(from decoder: Decoder) throws {
            struct Fields: Decodable {
                var content: String?, replace: [String]?, cutAfter: String?, latin1: Bool?, hugeLineAfter: HugeLine?
                var zipDeclaredSize: UInt32?
            }
            struct HugeLine: Decodable { var marker: String, bytes: Int }
            let f = try Fields(from: decoder)
            if let text = f.content { self = .content(text) }
            else if let pair = f.replace, pair.count == 2 { self = .replace(pair[0], pair[1]) }
            else if let marker = f.cutAfter { self = .cutAfter(marker) }
            else if f.latin1 == true { self = .latin1 }
            else if let huge = f.hugeLineAfter { self = .hugeLineAfter(huge.marker, huge.bytes) }
            else if let size = f.zipDeclaredSize { self = .zipDeclaredSize(size) }
            else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "an unknown edit")) }
        }

        /// The edited bytes; texts are searched for as UTF-8 bytes, so a Latin-1 file stays as it is elsewhere.
        func apply(to bytes: [UInt8]) -> [UInt8] {
            func range(of text: String) -> Range<Int> {
                guard let found = bytes.firstRange(of: Array(text.utf8)) else { preconditionFailure("'\(text)' is not in the file") }
                return found
            }
            switch self {
            case .content(let text): return Array(text.utf8)
            case .replace(let old, let new):
                var edited = bytes
                edited.replaceSubrange(range(of: old), with: Array(new.utf8))
                return edited
            case .cutAfter(let marker): return Array(bytes[..<range(of: marker).upperBound])
            case .latin1: return String(decoding: bytes, as: UTF8.self).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
            case .hugeLineAfter(let marker, let count):
                let at = range(of: marker).upperBound
                return Array(bytes[..<at]) + Array(repeating: UInt8(ascii: "x"), count: count) + [10] + Array(bytes[at...])
            case .zipDeclaredSize(let size):
                var edited = bytes
                for (signature, offset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 22), ([0x50, 0x4B, 0x01, 0x02], 24)] {
                    var from = 0
                    while let found = edited[from...].firstRange(of: signature) {
                        for k in 0..<4 { edited[found.lowerBound + offset + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
                        from = found.upperBound
                    }
                }
                return edited
            }
        }
    }

    /// What the file is replaced by instead of edited bytes: a named pipe, or a symbolic link
    /// to a character device.
    enum Replacement: String, Decodable, Sendable {
        case fifo
        case linkToURandom = "link-to-urandom"
    }

    /// The file's name without `.json`.
    var name = ""
    /// What the case is about, for people.
    var about: String
    /// The spoiled file, relative to the demo copy (`data/communes-epci.csv`).
    var file: String
    var edits: [Edit]
    /// Set instead of edits for a file that is not a regular file.
    var replacedBy: Replacement?
    /// The error `InputError.description` must equal, `$PROJECT` for the copy's folder.
    var error: String

    var testDescription: String { name }

    enum CodingKeys: String, CodingKey { case about, file, edits, replacedBy, error }

    /// Every case of `Tests/BadInput`, by name.
    static let all: [BadInputCase] = {
        let folder = Geodata.packageRoot + "/Tests/BadInput"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.map { name in
            let data = FileManager.default.contents(atPath: folder + "/" + name)!
            var read = try! JSONDecoder().decode(BadInputCase.self, from: data)
            read.name = String(name.dropLast(5))
            return read
        }
    }()
}
