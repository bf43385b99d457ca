import Foundation

/// An INSEE commune code: five characters, leading zeros kept, Corsica's `2A` and `2B`
/// (`01004`, `2A004`, `97411`). Never a number.
public struct CommuneCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: String

    /// Reads a code as producers write it: trimmed, and zero-padded when a file dropped the
    /// leading zero (ANIL's `1001` for `01001`). Nil when it is not a commune code.
    public init?(_ text: some StringProtocol) {
        var code = String(text.trimmingCharacters(in: .whitespaces).uppercased())
        if code.count == 4, code.allSatisfy(\.isASCIIDigit) { code = "0" + code }
        let characters = Array(code)
        guard characters.count == 5 else { return nil }
        let corsica = characters[0] == "2" && (characters[1] == "A" || characters[1] == "B")
        guard (corsica || characters[0...1].allSatisfy(\.isASCIIDigit)), characters[2...].allSatisfy(\.isASCIIDigit), code != "00000" else {
            return nil
        }
        value = code
    }

    /// The département: the first two characters, three overseas (`971` to `976`).
    public var departement: String {
        String(value.prefix(value.hasPrefix("97") ? 3 : 2))
    }

    /// The commune a municipal arrondissement belongs to (Paris, Marseille, Lyon); the code
    /// itself for any other commune.
    public var municipality: CommuneCode {
        guard let number = Int(value) else { return self }
        switch number {
        case 75101...75120: return CommuneCode("75056")!
        case 13201...13216: return CommuneCode("13055")!
        case 69381...69389: return CommuneCode("69123")!
        default: return self
        }
    }

    public var description: String { value }

    public static func < (a: CommuneCode, b: CommuneCode) -> Bool { a.value < b.value }
}

extension Character {
    /// Whether this is one of the ASCII digits 0 to 9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
