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

    /// A text, quoted (its quotes doubled) when it holds a comma, a quote or a line break
    /// (U+000A to U+000D, U+0085, U+2028, U+2029). Read by scalar, as a CSV reader reads: a
    /// comma or a quote followed by a combining mark is still one.
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsQuotes) else { return text }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        quoted.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            quoted.append(byte)
            // A quote's byte is never part of a longer UTF-8 sequence.
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }

    private static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2C, 0x22, 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
