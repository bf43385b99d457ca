import Foundation

/// An INSEE commune code: five characters, leading zeros kept, Corsica's `2A` and `2B`
/// (`01004`, `2A004`, `97411`). Never a number. Held as its five bytes in one integer, so that
/// the tables keyed by commune hash and compare a word, not a string.
public struct CommuneCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The five ASCII bytes, the first in the highest place: the integers order as the texts do.
    private let bytes: UInt64

    /// Reads a code as producers write it: trimmed, and zero-padded when a file dropped the
    /// leading zero (ANIL's `1001` for `01001`). Nil when it is not a commune code.
    public init?(_ text: some StringProtocol) {
        guard let code = text.readingCodeBytes(CommuneCode.init(utf8:)) else { return nil }
        self = code
    }

    /// Reads a code from a field's UTF-8 bytes, as `init(_:)` does.
    public init?(utf8 field: UnsafeBufferPointer<UInt8>) {
        let trimmed = field.rangeTrimmingSpaces, start = trimmed.lowerBound, end = trimmed.upperBound
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        let length = end - start
        guard length == 5 || (length == 4 && field[start..<end].allSatisfy(isDigit)) else { return nil }
        // The five bytes, with the dropped leading zero back and Corsica's letter in capitals.
        var code: (UInt8, UInt8, UInt8, UInt8, UInt8) = (UInt8(ascii: "0"), 0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &code) { bytes -> Bool in
            for i in 0..<length { bytes[5 - length + i] = field[start + i] }
            if bytes[1] == UInt8(ascii: "a") || bytes[1] == UInt8(ascii: "b") { bytes[1] -= 0x20 }
            let corsica = bytes[0] == UInt8(ascii: "2") && (bytes[1] == UInt8(ascii: "A") || bytes[1] == UInt8(ascii: "B"))
            guard corsica || (isDigit(bytes[0]) && isDigit(bytes[1])), bytes[2...].allSatisfy(isDigit) else { return false }
            return !bytes.allSatisfy { $0 == UInt8(ascii: "0") }
        }
        guard valid else { return nil }
        bytes = withUnsafeBytes(of: code) { $0.reduce(0) { $0 << 8 | UInt64($1) } }
    }

    /// A code written in full in the source: five valid characters.
    private init(valid text: StaticString) {
        bytes = text.withUTF8Buffer { $0.reduce(0) { $0 << 8 | UInt64($1) } }
    }

    /// The code as written: five characters.
    public var value: String {
        withUnsafeBytes(of: (bytes << 24).bigEndian) { String(decoding: $0.prefix(5), as: UTF8.self) }
    }

    /// The département: the first two characters, three overseas (`971` to `976`).
    public var departement: DepartementCode {
        // Its bytes placed as `DepartementCode` holds them: the first in the highest place.
        let overseas = bytes >> 24 == Self.prefix("97")
        return DepartementCode(checked: UInt32(truncatingIfNeeded: overseas ? (bytes >> 16) << 8 : (bytes >> 24) << 16))
    }

    /// The commune a municipal arrondissement belongs to (Paris, Marseille, Lyon); the code
    /// itself for any other commune.
    public var municipality: CommuneCode {
        switch bytes >> 24 {
        case Self.prefix("75"), Self.prefix("13"), Self.prefix("69"): break
        default: return self
        }
        guard let number = Int(value) else { return self }
        return switch number {
        case 75101...75120: CommuneCode(valid: "75056")
        case 13201...13216: CommuneCode(valid: "13055")
        case 69381...69389: CommuneCode(valid: "69123")
        default: self
        }
    }

    /// The code's place in a table of every possible code (`0..<slotCount`), distinct for
    /// distinct codes: the first two characters (`00` to `99`, then `2A` and `2B`) times a
    /// thousand, plus the last three digits. Tables of communes indexed by it are read without
    /// hashing.
    public var slot: Int {
        let first = Int(truncatingIfNeeded: bytes >> 32), second = Int(truncatingIfNeeded: (bytes >> 24) & 0xFF)
        let head = second >= Int(UInt8(ascii: "A")) ? 100 + second - Int(UInt8(ascii: "A"))
            : (first - Int(UInt8(ascii: "0"))) * 10 + second - Int(UInt8(ascii: "0"))
        let tail = (0..<3).reduce(0) { $0 * 10 + Int(truncatingIfNeeded: (bytes >> (16 - 8 * UInt64($1))) & 0xFF) - Int(UInt8(ascii: "0")) }
        return head * 1000 + tail
    }

    /// The number of slots: 102 heads of a thousand codes each.
    public static let slotCount = 102_000

    /// A département's two characters as the two highest of the code's bytes read alone.
    private static func prefix(_ text: StaticString) -> UInt64 {
        text.withUTF8Buffer { UInt64($0[0]) << 8 | UInt64($0[1]) }
    }

    public var description: String { value }

    public static func < (a: CommuneCode, b: CommuneCode) -> Bool { a.bytes < b.bytes }
}

extension CommuneCode {
    /// The commune code a feature's property holds: a string, or an integer (a file that
    /// dropped the leading zero), read as `init(_:)` reads text; nil for anything else.
    public init?(property value: PropertyValue?) {
        switch value {
        case .string(let text)?: self.init(text)
        case .integer(let number)?: self.init(String(number))
        default: return nil
        }
    }

    /// The key a membership table or a layer's property is matched on: the commune code when
    /// the text is one (so that `1001` meets `01001`), else the text as it is.
    public static func matchingKey(_ text: String) -> String { CommuneCode(text)?.value ?? text }
}
