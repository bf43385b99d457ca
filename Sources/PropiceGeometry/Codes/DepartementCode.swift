/// A département's code: two characters (`01`, `2A`, `95`), three overseas (`971` to `976`).
/// Never a number.
public struct DepartementCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let value: String

    /// Reads a code as producers write it: trimmed, a dropped leading zero put back (`1` is
    /// `01`), Corsica's letter in capitals. Nil when it is not a département's code.
    public init?(_ text: some StringProtocol) {
        var code = text.trimmingPrefix { $0 == " " }.reversed().drop { $0 == " " }.reversed().map(Character.init).reduce(into: "") { $0.append($1) }
        code = code.uppercased()
        func digits(_ s: Substring) -> Bool { s.allSatisfy { $0.isASCII && $0.isNumber } }
        if code.count == 1, digits(Substring(code)) { code = "0" + code }
        let valid = (code.count == 2 && (digits(Substring(code)) || code == "2A" || code == "2B"))
            || (code.count == 3 && code.hasPrefix("97") && digits(Substring(code)))
        guard valid, code != "00" else { return nil }
        value = code
    }

    public var description: String { value }

    public static func < (a: DepartementCode, b: DepartementCode) -> Bool { a.value < b.value }
}
