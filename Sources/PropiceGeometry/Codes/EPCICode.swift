/// An EPCI's SIREN: nine digits. INSEE's `ZZZZZZZZZ` (a commune in no EPCI) is not one.
public struct EPCICode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: String

    /// Nil when the text is not nine digits once trimmed of spaces.
    public init?(_ text: some StringProtocol) {
        let digits = text.utf8TrimmingSpaces
        guard digits.count == 9, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        value = String(decoding: digits, as: UTF8.self)
    }

    /// INSEE's mark for a commune in no EPCI, written where a SIREN would be.
    public static let noEPCI = "ZZZZZZZZZ"

    public var description: String { value }

    public static func < (a: EPCICode, b: EPCICode) -> Bool { a.value < b.value }
}
