/// A pull scanner over JSON text read chunk by chunk from a `ByteSource`.
///
/// It hands out one token at a time (strings, numbers, literals, punctuation) and skips or
/// captures whole values, so a reader can walk a file of any size in bounded memory. Every
/// error names the file and the byte offset.
struct JSONScanner {
    private let source: ByteSource
    private let bytes: UnsafeMutablePointer<UInt8>
    private var index = 0
    private var end = 0
    /// Bytes of a token that spans two chunks, or of a string with escapes.
    private var scratch: [UInt8] = []
    /// Nesting allowed inside a skipped or captured value, so hostile input cannot exhaust the stack.
    private static let maximumDepth = 256

    init(source: ByteSource) throws {
        self.source = source
        bytes = source.buffer
        _ = try refill()
        // A UTF-8 byte order mark is tolerated; UTF-16 and UTF-32 ones are not UTF-8.
        if end - index >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        if end - index >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            throw error(at: 0, "the file is UTF-16, not UTF-8: convert it, e.g. with iconv -f UTF-16 -t UTF-8")
        }
    }

    var path: String { source.path }

    /// The file offset of the next byte.
    var offset: Int { source.chunkOffset + index }

    private mutating func refill() throws -> Bool {
        let more = try source.next()
        index = 0
        end = source.count
        return more
    }

    func error(at offset: Int, _ message: String) -> InputError {
        InputError(file: source.path, location: .byteOffset(offset), message: message)
    }

    /// The next byte that is not white space, without consuming it; nil at the end of the file.
    @inline(__always) mutating func peek() throws -> UInt8? {
        while true {
            while index < end {
                let c = bytes[index]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1; continue }
                return c
            }
            if try !refill() { return nil }
        }
    }

    /// Consumes `byte` after white space, or throws naming `what` was expected.
    @inline(__always) mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws {
        guard let c = try peek() else { throw truncated(expecting: what()) }
        guard c == byte else { throw unexpected(c, expecting: what()) }
        index += 1
    }

    /// Consumes `byte` if it comes next and says whether it did.
    @inline(__always) mutating func consume(_ byte: UInt8) throws -> Bool {
        guard try peek() == byte else { return false }
        index += 1
        return true
    }

    /// After an element of an array or object: true past a comma, false past `close`.
    @inline(__always) mutating func nextElement(close: UInt8) throws -> Bool {
        guard let c = try peek() else { throw truncated(expecting: "',' or '\(Character(Unicode.Scalar(close)))'") }
        index += 1
        if c == UInt8(ascii: ",") { return true }
        if c == close { return false }
        index -= 1
        throw unexpected(c, expecting: "',' or '\(Character(Unicode.Scalar(close)))'")
    }

    /// Checks that nothing but white space is left.
    mutating func expectEnd() throws {
        if let c = try peek() { throw unexpected(c, expecting: "the end of the file") }
    }

    func truncated(expecting what: String) -> InputError {
        error(at: offset, "unexpected end of file, expected \(what): the file is truncated")
    }

    func unexpected(_ c: UInt8, expecting what: String) -> InputError {
        let found: String
        switch c {
        case 0x21...0x7E: found = "'\(Character(Unicode.Scalar(c)))'"
        default: found = "byte 0x" + String(c, radix: 16, uppercase: true)
        }
        return error(at: offset, "expected \(what), found \(found)")
    }

    // MARK: Strings

    /// Reads a string and checks that it is valid UTF-8.
    mutating func readString() throws -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = offset
        // Fast path: the whole string lies in this chunk and has no escape.
        var j = index
        var high: UInt8 = 0
        while j < end {
            let c = bytes[j]
            if c == UInt8(ascii: "\"") {
                let utf8 = UnsafeBufferPointer(start: bytes + index, count: j - index)
                // ASCII needs no validation; anything else must be valid UTF-8.
                let text = high < 0x80 ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
                guard let text else { throw notUTF8(from: start) }
                index = j + 1
                return text
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            high |= c
            j += 1
        }
        var decoded = scratch
        scratch = []
        defer { scratch = decoded }
        decoded.removeAll(keepingCapacity: true)
        try readStringBytes(into: &decoded)
        guard let text = String(validating: decoded, as: UTF8.self) else { throw notUTF8(from: start) }
        return text
    }

    private func notUTF8(from start: Int) -> InputError {
        error(at: start, "a string is not valid UTF-8: the file must be UTF-8 (convert it, e.g. with iconv -f LATIN1 -t UTF-8)")
    }

    /// Consumes the next string if it is written exactly as `expected` (no escape in either),
    /// and says whether it did: a reader expecting a name it met before need not decode it again.
    mutating func consumeString(_ expected: String) throws -> Bool {
        guard try peek() == UInt8(ascii: "\"") else { return false }
        let matched = expected.utf8.withContiguousStorageIfAvailable { e -> Bool in
            let n = e.count
            guard index + n + 1 < end, bytes[index + n + 1] == UInt8(ascii: "\"") else { return false }
            for k in 0..<n where bytes[index + 1 + k] != e[k] || e[k] == UInt8(ascii: "\\") || e[k] == UInt8(ascii: "\"") || e[k] < 0x20 {
                return false
            }
            return true
        }
        guard matched == true else { return false }
        index += expected.utf8.count + 2
        return true
    }

    /// Appends the decoded bytes of a string whose opening quote is consumed, through its closing quote.
    private mutating func readStringBytes(into out: inout [UInt8]) throws {
        while true {
            if index == end, try !refill() { throw truncated(expecting: "'\"' to close a string") }
            let c = bytes[index]
            index += 1
            switch c {
            case UInt8(ascii: "\""):
                return
            case UInt8(ascii: "\\"):
                try readEscape(into: &out)
            case 0..<0x20:
                index -= 1
                throw error(at: offset, "a control character (0x\(String(c, radix: 16))) inside a string must be escaped")
            default:
                out.append(c)
            }
        }
    }

    private mutating func nextRawByte(_ what: String) throws -> UInt8 {
        if index == end, try !refill() { throw truncated(expecting: what) }
        index += 1
        return bytes[index - 1]
    }

    private mutating func readEscape(into out: inout [UInt8]) throws {
        let c = try nextRawByte("an escape sequence")
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(c)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            let at = offset - 2
            var scalar = try readHex4()
            if 0xD800..<0xDC00 ~= scalar {
                guard try nextRawByte("a low surrogate") == UInt8(ascii: "\\"),
                      try nextRawByte("a low surrogate") == UInt8(ascii: "u") else {
                    throw error(at: at, "a \\u escape holds a high surrogate with no low surrogate after it")
                }
                let low = try readHex4()
                guard 0xDC00..<0xE000 ~= low else { throw error(at: at, "a \\u escape holds an invalid surrogate pair") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if 0xDC00..<0xE000 ~= scalar {
                throw error(at: at, "a \\u escape holds a lone low surrogate")
            }
            out.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
        default:
            throw error(at: offset - 1, "invalid escape sequence '\\\(Character(Unicode.Scalar(c)))'")
        }
    }

    private mutating func readHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = try nextRawByte("four hexadecimal digits")
            let v: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error(at: offset - 1, "expected a hexadecimal digit in a \\u escape")
            }
            value = value << 4 | v
        }
        return value
    }

    // MARK: Numbers and literals

    @inline(__always) private static func isNumberByte(_ c: UInt8) -> Bool {
        (c &- 0x30) < 10 || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "+") || c | 0x20 == UInt8(ascii: "e")
    }

    /// Reads a number; `what` names it in errors ("a coordinate", "a number").
    @inline(__always) mutating func readNumber(_ what: @autoclosure () -> String = "a number") throws -> JSONNumber {
        guard let first = try peek() else { throw truncated(expecting: what()) }
        guard Self.isNumberByte(first) else { throw unexpected(first, expecting: what()) }
        // Read where it lies when it ends within the chunk, at a byte that cannot continue it.
        if let (number, length) = JSONNumber.parsePrefix(UnsafeBufferPointer(start: bytes + index, count: end - index)),
           index + length < end, !Self.isNumberByte(bytes[index + length]) {
            index += length
            return number
        }
        let start = offset
        var j = index
        while j < end, Self.isNumberByte(bytes[j]) { j += 1 }
        if j < end {
            let literal = UnsafeBufferPointer(start: bytes + index, count: j - index)
            guard let number = JSONNumber.parse(literal) else { throw invalidNumber(literal, at: start, what()) }
            index = j
            return number
        }
        // The literal runs into the next chunk.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: bytes + index, count: end - index))
        index = end
        while try (index < end || refill()), Self.isNumberByte(bytes[index]) {
            scratch.append(bytes[index])
            index += 1
        }
        let number = scratch.withUnsafeBufferPointer { JSONNumber.parse($0) }
        guard let number else { throw scratch.withUnsafeBufferPointer { invalidNumber($0, at: start, what()) } }
        return number
    }

    private func invalidNumber(_ literal: UnsafeBufferPointer<UInt8>, at start: Int, _ what: String) -> InputError {
        error(at: start, "expected \(what), found '\(String(decoding: literal.prefix(40), as: UTF8.self))', which is not a JSON number")
    }

    /// The bytes of a bare word (`true`, `false`, `null`, or a stray word such as `NaN`).
    private mutating func readWord() throws -> String {
        scratch.removeAll(keepingCapacity: true)
        while try (index < end || refill()) {
            let c = bytes[index]
            guard (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") else { break }
            scratch.append(c)
            index += 1
            if scratch.count > 16 { break }
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Reads `true`, `false` or `null`: a Bool, or nil for null.
    mutating func readLiteral() throws -> Bool? {
        let start = offset
        switch try readWord() {
        case "true": return true
        case "false": return false
        case "null": return nil
        case let word: throw error(at: start, "expected a JSON value, found '\(word)'")
        }
    }

    // MARK: Whole values

    /// Skips one value of any kind.
    mutating func skipValue() throws {
        var unused: [UInt8] = []
        try scanValue(depth: 0, into: &unused, capture: false)
    }

    /// One value of any kind as compact JSON text (insignificant white space removed).
    mutating func captureValue() throws -> String {
        var out: [UInt8] = []
        try scanValue(depth: 0, into: &out, capture: true)
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes `captureRawValue` stops at outside strings: quotes and brackets.
    private static let isStructural: [Bool] = (0..<256).map { c in [0x22, 0x5B, 0x5D, 0x7B, 0x7D].contains(c) }

    /// Appends the next value, an object or an array, to `out` byte for byte as written, and
    /// returns the file offset of its first byte. Only brackets and strings are followed, to
    /// find where it ends: a parser must still read the bytes.
    mutating func captureRawValue(into out: inout [UInt8]) throws -> Int {
        guard let c = try peek() else { throw truncated(expecting: "a JSON value") }
        guard c == UInt8(ascii: "{") || c == UInt8(ascii: "[") else { throw unexpected(c, expecting: "an object or an array") }
        let start = offset
        var depth = 0, inString = false, escaped = false
        return try Self.isStructural.withUnsafeBufferPointer { isStructural in
            while true {
                var j = index
                var closed = false
                scan: while j < end {
                    if inString {
                        if escaped { escaped = false; j += 1; continue }
                        // Up to the next quote or backslash.
                        while j < end, bytes[j] != UInt8(ascii: "\""), bytes[j] != UInt8(ascii: "\\") { j += 1 }
                        guard j < end else { break }
                        if bytes[j] == UInt8(ascii: "\\") { escaped = true } else { inString = false }
                        j += 1
                        continue
                    }
                    // Up to the next quote or bracket.
                    while j < end, !isStructural[Int(bytes[j])] { j += 1 }
                    guard j < end else { break }
                    let c = bytes[j]
                    j += 1
                    switch c {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                        guard depth <= Self.maximumDepth else { index = j; throw error(at: offset - 1, "values are nested more than \(Self.maximumDepth) deep") }
                    default:
                        depth -= 1
                        if depth == 0 { closed = true; break scan }
                    }
                }
                out.append(contentsOf: UnsafeBufferPointer(start: bytes + index, count: j - index))
                index = j
                if closed { return start }
                if try !refill() { throw truncated(expecting: inString ? "'\"' to close a string" : "the end of a value opened at byte \(start)") }
            }
        }
    }

    private mutating func scanValue(depth: Int, into out: inout [UInt8], capture: Bool) throws {
        guard depth < Self.maximumDepth else { throw error(at: offset, "values are nested more than \(Self.maximumDepth) deep") }
        guard let c = try peek() else { throw truncated(expecting: "a JSON value") }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = c == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            if capture { out.append(c) }
            if try !consume(close) {
                var first = true
                repeat {
                    if capture && !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    if isObject {
                        let name = try readString()
                        try expect(UInt8(ascii: ":"), "':' after a member name")
                        if capture {
                            JSONText.appendString(name, to: &out)
                            out.append(UInt8(ascii: ":"))
                        }
                    }
                    try scanValue(depth: depth + 1, into: &out, capture: capture)
                } while try nextElement(close: close)
            }
            if capture { out.append(close) }
        case UInt8(ascii: "\""):
            let text = try readString()
            if capture { JSONText.appendString(text, to: &out) }
        case _ where Self.isNumberByte(c):
            let start = offset
            let number = try readNumber()
            guard number.double.isFinite else { throw error(at: start, "a number is out of the range of 64-bit floats") }
            if capture { JSONText.appendNumber(number, to: &out) }
        default:
            let value = try readLiteral()
            if capture { out.append(contentsOf: (value.map { $0 ? "true" : "false" } ?? "null").utf8) }
        }
    }
}
