import Testing
@testable import PropiceGeometry
#if canImport(Glibc)
import Glibc
#endif

@Suite("JSON numbers")
struct JSONNumberTests {
    func parse(_ s: String) -> JSONNumber? {
        Array(s.utf8).withUnsafeBufferPointer { JSONNumber.parse($0) }
    }

    @Test("agrees with strtod, correctly rounded", arguments: [
        "0", "-0", "1", "12.5", "6301671.8", "797259.9", "-1e-3", "1.5E2", "4.208586", "0.1", "0.30000000000000004",
        "1234567890123456789012", "9007199254740993", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308",
        "123456789012345678.9", "0.000000000000000000000000000001", "1e22", "1e23", "1e999",
    ])
    func agreesWithStrtod(literal: String) {
        let expected = strtod(literal, nil)
        #expect(parse(literal)?.double.bitPattern == expected.bitPattern, "\(literal)")
    }

    @Test("integers are exact within 64 bits", arguments: [
        ("512", Int64(512)), ("-9223372036854775808", Int64.min), ("9223372036854775807", Int64.max), ("0", 0),
    ])
    func integers(literal: String, value: Int64) {
        #expect(parse(literal)?.integer == value)
    }

    @Test("no integer for fractions, exponents, or beyond 64 bits", arguments: ["1.0", "1e2", "9223372036854775808", "-9223372036854775809"])
    func notIntegers(literal: String) {
        #expect(parse(literal) != nil)
        #expect(parse(literal)?.integer == nil)
    }

    @Test("rejects what JSON's grammar rejects", arguments: ["", "-", "01", "1.", ".5", "1e", "1e+", "+1", "--1", "1.2.3", "0x10"])
    func rejects(literal: String) {
        #expect(parse(literal) == nil)
    }

    /// The scanner reads a literal where it lies when it can: the same bits as `parse`, and the
    /// same error naming the whole literal when a prefix of it is a number.
    @Test("the scanner reads a literal in a text as parse reads it alone", arguments: [
        "0", "-0", "12.5", "6301671.8", "-1e-3", "1.5E2", "1e23", "9223372036854775808", "1e999",
        "01", "1.2.3", "1e5e", "-", "1.", "1e+", "0.5-1", "2--",
    ])
    func scannerAgrees(literal: String) throws {
        for text in [literal + ",", literal + " ]", literal] {
            var scanner = try JSONScanner(source: ByteSource(path: "n.json", bytes: Array(text.utf8), startOffset: 0))
            do {
                let number = try scanner.readNumber("a coordinate")
                #expect(number.double.bitPattern == parse(literal)?.double.bitPattern && number.integer == parse(literal)?.integer, "\(text)")
                #expect(scanner.offset == literal.utf8.count, "\(text): stops after the literal")
            } catch let error as InputError {
                #expect(parse(literal) == nil, "\(text): \(error)")
                #expect(error.message == "expected a coordinate, found '\(literal)', which is not a JSON number", "\(text)")
            }
        }
    }
}
