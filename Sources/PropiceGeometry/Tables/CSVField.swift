/// The fields of the CSV tables propice writes (UTF-8, `,` between fields, `.` decimals).
public enum CSVField {
    /// A number with at most six decimals and no trailing zeros; empty for nil or a value that
    /// is not finite.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let rounded = (value * 1e6).rounded() / 1e6
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return "\(rounded)"
    }

    /// A text, quoted (its quotes doubled) when it holds a comma, a quote or a line break.
    public static func text(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
