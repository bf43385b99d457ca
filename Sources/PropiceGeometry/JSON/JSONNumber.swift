#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON number literal's value: always as a Double, and as an integer too when the literal
/// has no fraction or exponent and fits in 64 bits.
struct JSONNumber {
    var double: Double
    var integer: Int64?

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses a complete literal under JSON's grammar; nil when the bytes are not one.
    ///
    /// Decimal literals of at most 19 significant digits and a power of ten within ±22 are
    /// exact in one multiplication or division (Clinger's fast path); the rest go to `strtod`,
    /// which rounds correctly.
    static func parse(_ s: UnsafeBufferPointer<UInt8>) -> JSONNumber? {
        guard let (number, length) = parsePrefix(s), length == s.count else { return nil }
        return number
    }

    /// The number written at the start of `s` and the count of its bytes, nil when `s` does not
    /// start with one. What follows is not looked at: a caller checks that the literal ends there.
    @inline(__always) static func parsePrefix(_ s: UnsafeBufferPointer<UInt8>) -> (JSONNumber, Int)? {
        var i = 0
        let n = s.count
        let negative = i < n && s[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < n else { return nil }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var truncated = false
        var isInteger = true

        @inline(__always) func digit(_ c: UInt8) -> UInt64? {
            c &- 0x30 < 10 ? UInt64(c &- 0x30) : nil
        }
        @inline(__always) func take(_ d: UInt64, fraction: Bool) {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ d
                if mantissa != 0 { significant += 1 }
                if fraction { exponent -= 1 }
            } else {
                if d != 0 { truncated = true }
                if !fraction { exponent += 1 }
            }
        }

        if s[i] == UInt8(ascii: "0") {
            i += 1
        } else if digit(s[i]) != nil {
            while i < n, let d = digit(s[i]) { take(d, fraction: false); i += 1 }
        } else {
            return nil
        }
        if i < n, s[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            let start = i
            while i < n, let d = digit(s[i]) { take(d, fraction: true); i += 1 }
            guard i > start else { return nil }
        }
        if i < n, s[i] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            i += 1
            var negativeExponent = false
            if i < n, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                negativeExponent = s[i] == UInt8(ascii: "-")
                i += 1
            }
            let start = i
            var e = 0
            while i < n, let d = digit(s[i]) {
                if e < 100_000 { e = e * 10 + Int(d) }
                i += 1
            }
            guard i > start else { return nil }
            exponent += negativeExponent ? -e : e
        }
        let length = i

        var integer: Int64?
        if isInteger && !truncated && exponent == 0 {
            if negative {
                integer = mantissa <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- mantissa) : nil
            } else {
                integer = mantissa <= UInt64(Int64.max) ? Int64(mantissa) : nil
            }
        }
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent < 0 ? m / exactPowersOfTen[-exponent] : m * exactPowersOfTen[exponent]
            return (JSONNumber(double: negative ? -v : v, integer: integer), length)
        }
        return (JSONNumber(double: correctlyRounded(UnsafeBufferPointer(rebasing: s[..<length])), integer: integer), length)
    }

    private static func correctlyRounded(_ s: UnsafeBufferPointer<UInt8>) -> Double {
        var text = Array(s)
        text.append(0)
        return text.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { strtod($0, nil) }
        }
    }
}
