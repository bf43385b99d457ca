/// A département's code: two characters (`01`, `2A`, `95`), three overseas (`971` to `976`).
/// Never a number.
public struct DepartementCode: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let value: String

    /// Reads a code as producers write it: trimmed of spaces, a dropped leading zero put back
    /// (`1` is `01`), Corsica's letter in capitals. Nil when it is not a département's code.
    public init?(_ text: some StringProtocol) {
        let bytes = text.utf8TrimmingSpaces
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        let code: [UInt8]
        switch bytes.count {
        case 1 where isDigit(bytes[bytes.startIndex]) && bytes[bytes.startIndex] != UInt8(ascii: "0"):
            code = [UInt8(ascii: "0"), bytes[bytes.startIndex]]
        case 2:
            let first = bytes[bytes.startIndex], second = bytes[bytes.startIndex + 1]
            let letter = second == UInt8(ascii: "a") || second == UInt8(ascii: "b") ? second - 0x20 : second
            let corsica = first == UInt8(ascii: "2") && (letter == UInt8(ascii: "A") || letter == UInt8(ascii: "B"))
            guard corsica || (isDigit(first) && isDigit(second) && !(first == UInt8(ascii: "0") && second == UInt8(ascii: "0"))) else { return nil }
            code = [first, letter]
        case 3 where bytes.starts(with: "97".utf8) && isDigit(bytes[bytes.startIndex + 2]):
            code = Array(bytes)
        default:
            return nil
        }
        value = String(decoding: code, as: UTF8.self)
    }

    /// A code already checked: a valid commune code's prefix.
    init(validPrefix value: String) {
        self.value = value
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

    public static func < (a: DepartementCode, b: DepartementCode) -> Bool { a.value < b.value }
}
