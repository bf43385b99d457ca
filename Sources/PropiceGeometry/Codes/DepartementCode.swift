/// A département's code: two characters (`01`, `2A`, `95`), three overseas (`971` to `976`).
/// Never a number.
public struct DepartementCode: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let value: String

    /// Reads a code as producers write it: trimmed of spaces, a dropped leading zero put back
    /// (`1` is `01`), Corsica's letter in capitals. Nil when it is not a département's code.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
        var code = String(trimmed).uppercased()
        let isDigits = { (s: String) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        if code.count == 1, isDigits(code) { code = "0" + code }
        let metropolitan = code.count == 2 && ((isDigits(code) && code != "00") || code == "2A" || code == "2B")
        let overseas = code.count == 3 && code.hasPrefix("97") && isDigits(code)
        guard metropolitan || overseas else { return nil }
        value = code
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
