#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How numbers are written in a table: the decimal mark (`,` in most French files) and
/// whether digits are grouped by thousands with spaces, no-break spaces or narrow no-break
/// spaces (`19 805`).
public struct NumberFormat: Sendable, Equatable {
    public var decimalComma: Bool
    public var spacedThousands: Bool

    public init(decimalComma: Bool = false, spacedThousands: Bool = false) {
        self.decimalComma = decimalComma
        self.spacedThousands = spacedThousands
    }

    /// The number written in the UTF-8 bytes, or nil when they are not one number in this
    /// format: an optional sign, digits (grouped by single spaces between digits when
    /// allowed), an optional decimal part and exponent.
    public func parse(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = field.count
        guard n > 0, n < 64 else { return nil }
        let decimalMark = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        // The number rewritten in C's syntax, NUL-terminated, for strtod.
        var plain: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &plain) { buffer -> Double? in
            var out = 0, i = 0
            var integer: UInt64 = 0, digits = 0, simple = true, negative = false
            if field[0] == UInt8(ascii: "-") || field[0] == UInt8(ascii: "+") {
                negative = field[0] == UInt8(ascii: "-")
                buffer[out] = field[0]; out += 1; i += 1
            }
            var integerDigits = 0, sawPoint = false, fractionDigits = 0, sawExponent = false
            while i < n {
                let c = field[i]
                if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                    if !sawPoint && !sawExponent { integerDigits += 1 } else if !sawExponent { fractionDigits += 1 }
                    if simple && digits < 18 { integer = integer * 10 + UInt64(c - UInt8(ascii: "0")) } else { simple = false }
                    digits += 1
                    buffer[out] = c; out += 1; i += 1
                } else if c == decimalMark && !sawPoint && !sawExponent {
                    sawPoint = true; simple = false
                    buffer[out] = UInt8(ascii: "."); out += 1; i += 1
                } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && !sawExponent && integerDigits + fractionDigits > 0 {
                    sawExponent = true; simple = false
                    buffer[out] = c; out += 1; i += 1
                    if i < n && (field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+")) { buffer[out] = field[i]; out += 1; i += 1 }
                    guard i < n else { return nil }
                } else if spacedThousands && !sawPoint && !sawExponent && integerDigits > 0, let width = Self.groupSpace(field, at: i),
                          i + width < n, field[i + width] >= UInt8(ascii: "0") && field[i + width] <= UInt8(ascii: "9") {
                    i += width
                } else {
                    return nil
                }
            }
            guard integerDigits + fractionDigits > 0 else { return nil }
            if simple { return negative ? -Double(integer) : Double(integer) }
            buffer[out] = 0
            return strtod(buffer.baseAddress!.assumingMemoryBound(to: CChar.self), nil)
        }
    }

    /// The width in bytes of a space that groups thousands at `i`, or nil.
    private static func groupSpace(_ field: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        if field[i] == UInt8(ascii: " ") { return 1 }
        if field[i] == 0xC2, i + 1 < field.count, field[i + 1] == 0xA0 { return 2 }
        if field[i] == 0xE2, i + 2 < field.count, field[i + 1] == 0x80, field[i + 2] == 0xAF { return 3 }
        return nil
    }
}
