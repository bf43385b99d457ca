/// A département's code: two characters (`01`, `2A`, `95`), three overseas (`971` to `976`).
/// Never a number. Held as its bytes in one integer, so that the tables keyed by département
/// hash and compare a word, not a string.
public struct DepartementCode: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The two or three ASCII bytes, the first in the highest place and zeros after the last:
    /// integers order as the texts do.
    private let bytes: UInt32

    /// Reads a code as producers write it: trimmed of spaces, a dropped leading zero put back
    /// (`1` is `01`), Corsica's letter in capitals. Nil when it is not a département's code.
    public init?(_ text: some StringProtocol) {
        guard let code = text.readingCodeBytes(DepartementCode.init(utf8:)) else { return nil }
        self = code
    }

    /// Reads a code from a field's UTF-8 bytes, as `init(_:)` does.
    public init?(utf8 field: UnsafeBufferPointer<UInt8>) {
        let trimmed = field.rangeTrimmingSpaces, start = trimmed.lowerBound, end = trimmed.upperBound
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        let code: (UInt8, UInt8, UInt8)
        switch end - start {
        case 1 where isDigit(field[start]) && field[start] != UInt8(ascii: "0"):
            code = (UInt8(ascii: "0"), field[start], 0)
        case 2:
            let first = field[start], second = field[start + 1]
            let letter = second == UInt8(ascii: "a") || second == UInt8(ascii: "b") ? second - 0x20 : second
            let corsica = first == UInt8(ascii: "2") && (letter == UInt8(ascii: "A") || letter == UInt8(ascii: "B"))
            guard corsica || (isDigit(first) && isDigit(second) && !(first == UInt8(ascii: "0") && second == UInt8(ascii: "0"))) else { return nil }
            code = (first, letter, 0)
        case 3 where field[start] == UInt8(ascii: "9") && field[start + 1] == UInt8(ascii: "7") && isDigit(field[start + 2]):
            code = (field[start], field[start + 1], field[start + 2])
        default:
            return nil
        }
        bytes = UInt32(code.0) << 24 | UInt32(code.1) << 16 | UInt32(code.2) << 8
    }

    /// A code already checked (a valid commune code's first bytes), its bytes placed as `bytes` holds them.
    init(checked bytes: UInt32) {
        self.bytes = bytes
    }

    /// The code as written: two characters, three overseas.
    public var value: String {
        withUnsafeBytes(of: bytes.bigEndian) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// Decodes a code written as text; anything else is a data error naming the value.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = DepartementCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a département code")
        }
        self = code
    }

    /// Encodes the code as its text.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }

    public static func < (a: DepartementCode, b: DepartementCode) -> Bool { a.bytes < b.bytes }
}
