import Foundation

/// An EPCI's SIREN: nine digits. INSEE's `ZZZZZZZZZ` (a commune in no EPCI) is not one.
public struct EPCICode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: String

    /// Nil when the text is not nine digits once trimmed.
    public init?(_ text: some StringProtocol) {
        let code = text.trimmingCharacters(in: .whitespaces)
        guard code.count == 9, code.allSatisfy(\.isASCIIDigit) else { return nil }
        value = code
    }

    public var description: String { value }

    public static func < (a: EPCICode, b: EPCICode) -> Bool { a.value < b.value }
}
