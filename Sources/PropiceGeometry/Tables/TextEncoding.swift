/// The character encoding of a text file. A UTF-8 byte order mark is always skipped.
public enum TextEncoding: String, Sendable, Decodable, CaseIterable {
    /// UTF-8; an invalid byte is an error that suggests `encoding: latin-1`.
    case utf8 = "utf-8"
    /// ISO-8859-1, as INSEE and LOVAC files often are.
    case latin1 = "latin-1"
    /// Windows-1252: Latin-1 with `€`, `œ`, `’`… in 0x80–0x9F.
    case windows1252 = "windows-1252"
    /// UTF-8 when the bytes are valid UTF-8, else Windows-1252.
    case detect

    /// Reads a name, allowing the usual spellings (`UTF8`, `latin1`, `ISO-8859-1`, `cp1252`).
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        let aliases: [String: TextEncoding] = ["utf8": .utf8, "latin1": .latin1, "iso-8859-1": .latin1, "iso8859-1": .latin1,
                                               "cp1252": .windows1252, "windows1252": .windows1252]
        guard let encoding = TextEncoding(rawValue: name.lowercased()) ?? aliases[name.lowercased()] else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown encoding '\(name)': use utf-8, latin-1 or windows-1252")
        }
        self = encoding
    }

    /// The text as UTF-8 bytes, without a byte order mark; `file` names it in errors.
    func utf8Bytes(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        switch self {
        case .utf8:
            if let bad = Self.firstInvalidUTF8(body) {
                let (line, column) = Self.lineAndColumn(of: bad, in: body)
                throw InputError(file: file, location: .line(line, column: column),
                                 message: "byte 0x\(String(body[bad], radix: 16, uppercase: true)) is not UTF-8: if the file is Latin-1, declare `encoding: latin-1`")
            }
            return body
        case .latin1: return Self.transcode(body, windows: false)
        case .windows1252: return Self.transcode(body, windows: true)
        case .detect: return Self.firstInvalidUTF8(body) == nil ? body : Self.transcode(body, windows: true)
        }
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                if b[i] < 0x80 { i += 1; continue }
                guard let sequence = utf8Sequence(in: b, at: i) else { return i }
                i += sequence.length
            }
            return nil
        }
    }

    /// The well-formed UTF-8 sequence whose lead byte, 0x80 or above, is at `i`: its length and
    /// its scalar; nil when the bytes there are not one (a stray or overlong lead, a missing
    /// continuation, a surrogate, beyond U+10FFFF).
    @inline(__always)
    static func utf8Sequence(in b: UnsafeBufferPointer<UInt8>, at i: Int) -> (length: Int, scalar: UInt32)? {
        let lead = b[i]
        let length: Int, minimum: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80
        case 0xE0...0xEF: length = 3; minimum = 0x800
        case 0xF0...0xF4: length = 4; minimum = 0x10000
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        for k in 1..<length {
            let c = b[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return (length, scalar)
    }

    /// The 1-based line and character column of a byte offset.
    private static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, lineStart = 0
        for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        let column = bytes[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return (line, column)
    }

    private static func transcode(_ bytes: [UInt8], windows: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        for byte in bytes {
            if byte < 0x80 { out.append(byte); continue }
            let scalar = windows && (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            // Every scalar here is below U+10000: two UTF-8 bytes, or three from U+0800.
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | scalar >> 6))
            } else {
                out.append(UInt8(0xE0 | scalar >> 12))
                out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            }
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
        return out
    }

    /// Windows-1252's 0x80–0x9F; the five bytes it leaves undefined keep their Latin-1 control codes.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
