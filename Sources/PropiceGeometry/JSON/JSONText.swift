/// Encoding of JSON text into byte buffers: escaped strings and numbers.
public enum JSONText {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal: quote, backslash, line feed, carriage return and
    /// tab escaped by their letter, the other control characters as `\u00XX`; with
    /// `shortEscapes`, backspace and form feed too by their letter (`\b`, `\f`), as Foundation's
    /// `JSONEncoder` writes them.
    public static func appendString(_ text: String, shortEscapes: Bool = false, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let c = utf8[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                switch c {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08 where shortEscapes: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C where shortEscapes: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                default:
                    out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hexDigits[Int(c >> 4)], hexDigits[Int(c & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    static func appendNumber(_ number: JSONNumber, to out: inout [UInt8]) {
        if let integer = number.integer { appendInteger(integer, to: &out) } else { appendReal(number.double, to: &out) }
    }

    /// Appends a finite Double in its shortest round-trip form; a non-finite one as null,
    /// since JSON has no infinity or NaN.
    public static func appendReal(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(contentsOf: value.description.utf8)
    }

    public static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDigits(value.magnitude, to: &out)
        } else {
            appendDigits(UInt64(value), to: &out)
        }
    }

    @inline(__always) private static func appendDigits(_ value: UInt64, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0) // 32 bytes of scratch
        withUnsafeMutableBytes(of: &digits) { raw in
            var v = value
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: v % 10) + UInt8(ascii: "0")
                v /= 10
            } while v != 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }

    static let powersOfTen: [Double] = (0...15).map { p in (0..<p).reduce(1.0) { r, _ in r * 10 } }
    private static let integerPowersOfTen: [UInt64] = (0...15).map { p in (0..<p).reduce(1) { r, _ in r * 10 } }

    /// Appends `value` rounded to `decimals` places (0–15), trailing zeros dropped: `3.5`, not `3.500000`.
    @inline(__always) static func appendFixed(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        let scaled = (value * powersOfTen[decimals]).rounded()
        guard scaled.magnitude < 9.0e15 else {
            // So large that a Double holds no finer digit than asked: its shortest form is exact enough.
            appendReal(value, to: &out)
            return
        }
        let units = Int64(scaled)
        if units < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = units.magnitude
        let scale = integerPowersOfTen[decimals]
        appendDigits(magnitude / scale, to: &out)
        var fraction = magnitude % scale
        guard fraction != 0 else { return }
        var width = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        out.append(UInt8(ascii: "."))
        var pad = integerPowersOfTen[width - 1]
        while pad > fraction {
            out.append(UInt8(ascii: "0"))
            pad /= 10
        }
        appendDigits(fraction, to: &out)
    }
}
