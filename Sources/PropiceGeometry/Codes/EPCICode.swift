/// An EPCI's SIREN: nine digits. INSEE's `ZZZZZZZZZ` (a commune in no EPCI) is not one. Held
/// as its number, so that the tables keyed by EPCI hash and compare a word, not a string.
public struct EPCICode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The nine digits' number: numbers of nine digits order as their texts do.
    private let number: UInt32

    /// Nil when the text is not nine digits once trimmed of spaces.
    public init?(_ text: some StringProtocol) {
        guard let code = text.readingCodeBytes(EPCICode.init(utf8:)) else { return nil }
        self = code
    }

    /// Reads a SIREN from a field's UTF-8 bytes, as `init(_:)` does.
    public init?(utf8 field: UnsafeBufferPointer<UInt8>) {
        var number: UInt32 = 0, digits = 0, ended = false
        for c in field {
            if c == UInt8(ascii: " ") {
                ended = digits > 0
                continue
            }
            guard !ended, digits < 9, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + UInt32(c - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits == 9 else { return nil }
        self.number = number
    }

    /// The SIREN as written: nine digits, leading zeros kept.
    public var value: String {
        var digits: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &digits) { text in
            var rest = number
            for i in (0..<9).reversed() {
                text[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            return String(decoding: text.prefix(9), as: UTF8.self)
        }
    }

    /// INSEE's mark for a commune in no EPCI, written where a SIREN would be.
    public static let noEPCI = "ZZZZZZZZZ"

    public var description: String { value }

    public static func < (a: EPCICode, b: EPCICode) -> Bool { a.number < b.number }
}
