/// One XML part of a workbook read in place, as spreadsheet programs write them (UTF-8, no
/// document type), with the events libxml2's SAX parser gives (`XMLEvents`) and without its
/// character-by-character decoding (reading INSEE's density grid went from 7.0 to 4.2 % of a
/// France build's CPU): namespace declarations left out of the attributes, attribute values
/// normalised (a tab or a line end becomes a space), the five references of XML and character
/// references replaced, line ends read as LF, CDATA sections as text, comments and processing
/// instructions skipped. A part in another encoding or with a DOCTYPE is left to libxml2
/// before any event (`scan` returns false). What is not well-formed is an `InputError` naming
/// the part and the line.
struct XMLScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let part: String
    private let file: String
    private var i = 0
    /// The qualified names of the open elements, innermost last.
    private var open: [Range<Int>] = []
    /// The attributes of the start tag being read, where they lie in `bytes`: the first
    /// `rawCount` (the array is reused from tag to tag).
    private var raw: [RawAttribute] = []
    private var rawCount = 0
    /// The attributes handed over, and the values whose references or spaces were replaced.
    private var attributes = UnsafeMutableBufferPointer<XMLEvents.Attribute>(start: nil, count: 0)
    private var decoded = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)

    /// Up to this many attributes in a tag, each is compared with those before it; beyond, a
    /// tag of thousands of attributes is checked in one pass rather than in quadratic time.
    private static let fewAttributes = 16

    /// libxml2's limit on nesting without its `XML_PARSE_HUGE` option.
    static let maximumDepth = 256

    init(_ bytes: UnsafeBufferPointer<UInt8>, part: String, file: String) {
        self.bytes = bytes
        self.part = part
        self.file = file
    }

    private struct RawAttribute {
        var name: Range<Int>
        var value: Range<Int>
        /// Whether the value is its bytes as they lie (no reference, tab or line end).
        var plain: Bool
    }

    /// Reads the part, handing its events over; false, before any event, for a part left to libxml2.
    mutating func scan(start: (XMLEvents.Element) throws -> Void, end: (XMLEvents.Element) throws -> Void,
                       text: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard let root = prologEnd() else { return false }
        defer {
            attributes.deallocate()
            decoded.deallocate()
        }
        i = root
        repeat {
            if bytes[i] == UInt8(ascii: "<") {
                guard i + 1 < bytes.count else { throw error("the document ends inside a tag", at: i) }
                switch bytes[i + 1] {
                case UInt8(ascii: "/"): try endTag(end)
                case UInt8(ascii: "!"):
                    if has("<!--", at: i) { try comment() }
                    else if has("<![CDATA[", at: i) { try cdata(text) }
                    else { throw error("'<!' opens neither a comment nor a CDATA section", at: i) }
                case UInt8(ascii: "?"): try instruction()
                default: try startTag(start, end)
                }
            } else {
                try textRun(text)
            }
            if open.isEmpty { break }
            guard i < bytes.count else {
                throw error("the document ends before the end tag of \(string(open[open.count - 1]))", at: i)
            }
        } while true
        try epilog()
        return true
    }

    // MARK: - Before and after the root element

    /// Where the root element starts, after a byte-order mark, an XML declaration saying UTF-8
    /// (or no encoding) and spaces; nil for anything else (another encoding, a DOCTYPE, a
    /// comment), which libxml2 reads.
    private func prologEnd() -> Int? {
        // A UTF-8 byte-order mark.
        var j = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        if has("<?xml", at: j), j + 5 < bytes.count, Self.isSpace(bytes[j + 5]) {
            guard let close = find("?>", from: j + 5), declarationIsUTF8(j + 5..<close) else { return nil }
            j = close + 2
        }
        while j < bytes.count, Self.isSpace(bytes[j]) { j += 1 }
        guard j + 1 < bytes.count, bytes[j] == UInt8(ascii: "<"), Self.isNameStart(bytes[j + 1]) else { return nil }
        return j
    }

    /// Whether an XML declaration's pseudo-attributes are `version` 1.x, then an optional
    /// `encoding` of UTF-8 and an optional `standalone` of yes or no, and nothing else.
    private func declarationIsUTF8(_ range: Range<Int>) -> Bool {
        var pairs: [(name: String, value: String)] = [], j = range.lowerBound
        while true {
            let spaced = j < range.upperBound && Self.isSpace(bytes[j])
            while j < range.upperBound, Self.isSpace(bytes[j]) { j += 1 }
            if j == range.upperBound { break }
            let nameStart = j
            while j < range.upperBound, bytes[j] >= UInt8(ascii: "a"), bytes[j] <= UInt8(ascii: "z") { j += 1 }
            let name = string(nameStart..<j)
            while j < range.upperBound, Self.isSpace(bytes[j]) { j += 1 }
            guard spaced, !name.isEmpty, j < range.upperBound, bytes[j] == UInt8(ascii: "=") else { return false }
            j += 1
            while j < range.upperBound, Self.isSpace(bytes[j]) { j += 1 }
            guard j < range.upperBound, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") else { return false }
            let quote = bytes[j]
            var close = j + 1
            while close < range.upperBound, bytes[close] != quote { close += 1 }
            guard close < range.upperBound else { return false }
            pairs.append((name, string((j + 1)..<close).lowercased()))
            j = close + 1
        }
        let names = pairs.map(\.name)
        guard names.first == "version", names.count == Set(names).count,
              names.allSatisfy({ ["version", "encoding", "standalone"].contains($0) }),
              names == names.sorted(by: { ["version", "encoding", "standalone"].firstIndex(of: $0) ?? 0 < ["version", "encoding", "standalone"].firstIndex(of: $1) ?? 0 })
        else { return false }
        return pairs.allSatisfy { pair in
            switch pair.name {
            case "version": pair.value.hasPrefix("1.") && pair.value.count > 2 && pair.value.dropFirst(2).allSatisfy { $0 >= "0" && $0 <= "9" }
            case "encoding": pair.value == "utf-8"
            default: pair.value == "yes" || pair.value == "no"
            }
        }
    }

    /// After the root element: spaces, comments and processing instructions only, up to the
    /// end or, as libxml2 reads a part from memory, a NUL byte.
    private mutating func epilog() throws {
        while i < bytes.count, bytes[i] != 0 {
            if Self.isSpace(bytes[i]) { i += 1 }
            else if has("<!--", at: i) { try comment() }
            else if has("<?", at: i) { try instruction() }
            else { throw error("there is content after the root element's end", at: i) }
        }
    }

    // MARK: - Tags

    private mutating func startTag(_ start: (XMLEvents.Element) throws -> Void, _ end: (XMLEvents.Element) throws -> Void) throws {
        let tag = i
        i += 1
        let qualified = try name()
        rawCount = 0
        var closed = false, decodedBytes = 0
        while true {
            let spaced = skipSpaces()
            guard i < bytes.count else { throw error("the document ends inside the start tag of \(string(qualified))", at: tag) }
            if bytes[i] == UInt8(ascii: ">") {
                i += 1
                break
            }
            if bytes[i] == UInt8(ascii: "/") {
                guard has("/>", at: i) else { throw error("'/' in the start tag of \(string(qualified)) is not followed by '>'", at: i) }
                i += 2
                closed = true
                break
            }
            guard spaced else { throw error("the attributes of \(string(qualified)) are not separated by spaces", at: i) }
            let attribute = try self.attribute(of: qualified)
            if !attribute.plain { decodedBytes += attribute.value.count }
            // A name given twice: among a few attributes, by comparing with each (many are checked below).
            for k in 0..<rawCount where rawCount <= Self.fewAttributes && equal(raw[k].name, attribute.name) {
                throw error("attribute \(string(attribute.name)) is given twice in \(string(qualified))", at: attribute.name.lowerBound)
            }
            if rawCount < raw.count { raw[rawCount] = attribute } else { raw.append(attribute) }
            rawCount += 1
        }
        if rawCount > Self.fewAttributes {
            var seen = Set<ArraySlice<UInt8>>()
            for k in 0..<rawCount where !seen.insert(ArraySlice(UnsafeBufferPointer(rebasing: bytes[raw[k].name]))).inserted {
                throw error("attribute \(string(raw[k].name)) is given twice in \(string(qualified))", at: raw[k].name.lowerBound)
            }
        }
        try start(XMLEvents.Element(localName: localName(qualified), attributes: try handedAttributes(decodedBytes)))
        if closed {
            try end(XMLEvents.Element(localName: localName(qualified), attributes: UnsafeBufferPointer(start: nil, count: 0)))
        } else {
            guard open.count < Self.maximumDepth else { throw error("elements are nested more than \(Self.maximumDepth) deep", at: tag) }
            open.append(qualified)
        }
    }

    /// One attribute of a start tag: its name, '=' and its quoted value.
    private mutating func attribute(of element: Range<Int>) throws -> RawAttribute {
        let attributeName = try name()
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
            throw error("attribute \(string(attributeName)) of \(string(element)) has no value", at: attributeName.lowerBound)
        }
        i += 1
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
            throw error("the value of attribute \(string(attributeName)) of \(string(element)) is not quoted", at: i)
        }
        let quote = bytes[i]
        i += 1
        let valueStart = i
        var plain = true
        while true {
            guard i < bytes.count else { throw error("the value of attribute \(string(attributeName)) is not closed", at: valueStart) }
            let c = bytes[i]
            if c == quote { break }
            switch c {
            case UInt8(ascii: "<"): throw error("'<' in the value of attribute \(string(attributeName))", at: i)
            case UInt8(ascii: "&"):
                plain = false
                i += try reference(at: i).consumed
            case 0x09, 0x0A, 0x0D:
                plain = false
                i += 1
            case ..<0x20: throw disallowed(at: i)
            case 0x80...: i += try character(at: i)
            default: i += 1
            }
        }
        i += 1
        return RawAttribute(name: attributeName, value: valueStart..<(i - 1), plain: plain)
    }

    /// The attributes read (namespace declarations left out), their values decoded where
    /// needed into `decoded` (`decodedBytes` at most).
    private mutating func handedAttributes(_ decodedBytes: Int) throws -> UnsafeBufferPointer<XMLEvents.Attribute> {
        if attributes.count < rawCount {
            attributes.deallocate()
            attributes = .allocate(capacity: max(rawCount, 16))
        }
        if decoded.count < decodedBytes {
            decoded.deallocate()
            decoded = .allocate(capacity: max(decodedBytes, 256))
        }
        var count = 0, used = 0
        for k in 0..<rawCount {
            let attribute = raw[k]
            let qualified = attribute.name
            if declaresNamespace(qualified) { continue }
            var value = UnsafeBufferPointer(rebasing: bytes[attribute.value])
            if !attribute.plain {
                let first = used
                try decode(attribute.value, at: &used)
                value = UnsafeBufferPointer(rebasing: decoded[first..<used])
            }
            attributes.initializeElement(at: count, to: XMLEvents.Attribute(localName: localName(qualified), value: value))
            count += 1
        }
        return UnsafeBufferPointer(rebasing: attributes[..<count])
    }

    /// An attribute's value with its references replaced and its tabs and line ends (CR LF
    /// counting as one) turned to spaces, into `decoded` from `used` on.
    private func decode(_ value: Range<Int>, at used: inout Int) throws {
        var j = value.lowerBound
        while j < value.upperBound {
            switch bytes[j] {
            case UInt8(ascii: "&"):
                let reference = try self.reference(at: j)
                reference.withBytes { for byte in $0 { decoded[used] = byte; used += 1 } }
                j += reference.consumed
            case 0x0D:
                decoded[used] = 0x20
                used += 1
                j += j + 1 < value.upperBound && bytes[j + 1] == 0x0A ? 2 : 1
            case 0x09, 0x0A:
                decoded[used] = 0x20
                used += 1
                j += 1
            default:
                decoded[used] = bytes[j]
                used += 1
                j += 1
            }
        }
    }

    private mutating func endTag(_ end: (XMLEvents.Element) throws -> Void) throws {
        let tag = i
        i += 2
        let qualified = try name()
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { throw error("the end tag of \(string(qualified)) is not closed by '>'", at: tag) }
        i += 1
        guard let innermost = open.last, equal(innermost, qualified) else {
            let opened = open.last.map { "\(string($0)), opened on line \(line(at: $0.lowerBound))" } ?? "no element"
            throw error("the end tag of \(string(qualified)) closes \(opened)", at: tag)
        }
        open.removeLast()
        try end(XMLEvents.Element(localName: localName(qualified), attributes: UnsafeBufferPointer(start: nil, count: 0)))
    }

    // MARK: - Text

    /// Text up to the next tag, handed over in runs: the bytes as they lie between references
    /// and CRs, each reference's character, an LF for each line end.
    private mutating func textRun(_ text: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var run = i
        while i < bytes.count {
            let c = bytes[i]
            if c >= 0x20 && c < 0x80 && c != UInt8(ascii: "<") && c != UInt8(ascii: "&") && c != UInt8(ascii: "]") {
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "<"):
                if i > run { try text(UnsafeBufferPointer(rebasing: bytes[run..<i])) }
                return
            case UInt8(ascii: "&"):
                if i > run { try text(UnsafeBufferPointer(rebasing: bytes[run..<i])) }
                let reference = try self.reference(at: i)
                try reference.withBytes(text)
                i += reference.consumed
                run = i
            case UInt8(ascii: "]"):
                if has("]]>", at: i) { throw error("']]>' is not allowed in text", at: i) }
                i += 1
            case 0x0D: try lineEnd(after: &run, text)
            case 0x09, 0x0A: i += 1
            case ..<0x20: throw disallowed(at: i)
            default: i += try character(at: i)
            }
        }
        if i > run { try text(UnsafeBufferPointer(rebasing: bytes[run..<i])) }
    }

    /// At a CR: hands over the text of `run` before it, then an LF for the line end (CR LF
    /// counting as one); the next run starts after it.
    private mutating func lineEnd(after run: inout Int, _ text: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if i > run { try text(UnsafeBufferPointer(rebasing: bytes[run..<i])) }
        try Self.lineFeed.withUnsafeBufferPointer(text)
        i += i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
        run = i
    }

    private static let lineFeed: [UInt8] = [0x0A]

    /// A CDATA section's text, line ends read as LF.
    private mutating func cdata(_ text: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let section = i
        i += 9
        var run = i
        while true {
            guard i < bytes.count else { throw error("the CDATA section is not closed by ']]>'", at: section) }
            let c = bytes[i]
            if c == UInt8(ascii: "]") && has("]]>", at: i) { break }
            switch c {
            case 0x0D: try lineEnd(after: &run, text)
            case 0x09, 0x0A, 0x20..<0x80: i += 1
            case ..<0x20: throw disallowed(at: i)
            default: i += try character(at: i)
            }
        }
        if i > run { try text(UnsafeBufferPointer(rebasing: bytes[run..<i])) }
        i += 3
    }

    /// Skips a comment, which may not hold '--'.
    private mutating func comment() throws {
        let opening = i
        i += 4
        while true {
            guard i < bytes.count else { throw error("the comment is not closed by '-->'", at: opening) }
            if has("--", at: i) {
                guard has("-->", at: i) else { throw error("'--' is not allowed in a comment", at: i) }
                i += 3
                return
            }
            try skipCharacter()
        }
    }

    /// Skips a processing instruction; an XML declaration is allowed only at the start.
    private mutating func instruction() throws {
        let opening = i
        i += 2
        let target = try name()
        if target.count == 3 && string(target).lowercased() == "xml" {
            throw error("an XML declaration is allowed only at the start of the document", at: opening)
        }
        guard has("?>", at: i) || (i < bytes.count && Self.isSpace(bytes[i])) else {
            throw error("the processing instruction \(string(target)) is malformed", at: opening)
        }
        while !has("?>", at: i) {
            guard i < bytes.count else { throw error("the processing instruction is not closed by '?>'", at: opening) }
            try skipCharacter()
        }
        i += 2
    }

    // MARK: - Characters, names and references

    /// A character's bytes after a reference, and how many bytes the reference takes.
    private struct Reference {
        var bytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var count = 0
        var consumed = 0

        func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            try withUnsafeBytes(of: bytes) { try body(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[..<count])) }
        }
    }

    /// The reference at `j` (`&lt;`, `&#233;`, `&#xE9;`…): the five of XML and character
    /// references to characters XML allows; any other is not declared.
    private func reference(at j: Int) throws -> Reference {
        var k = j + 1
        while k < bytes.count, k - j <= 64, bytes[k] != UInt8(ascii: ";") { k += 1 }
        guard k < bytes.count, bytes[k] == UInt8(ascii: ";"), k > j + 1 else {
            throw error("'&' starts no reference (write '&amp;' for the character)", at: j)
        }
        var reference = Reference(consumed: k + 1 - j)
        let body = UnsafeBufferPointer(rebasing: bytes[(j + 1)..<k])
        if body[0] == UInt8(ascii: "#") {
            let hexadecimal = body.count > 1 && body[1] == UInt8(ascii: "x")
            let digits = body.dropFirst(hexadecimal ? 2 : 1)
            var scalar: UInt32 = 0
            for digit in digits {
                guard let value = Self.digit(digit, hexadecimal: hexadecimal) else {
                    throw error("&\(string(j + 1..<k)); is not a character reference", at: j)
                }
                scalar = scalar * (hexadecimal ? 16 : 10) + value
                guard scalar <= 0x10FFFF else { throw error("&\(string(j + 1..<k)); is beyond Unicode", at: j) }
            }
            guard !digits.isEmpty, Self.isAllowed(scalar), let character = Unicode.Scalar(scalar) else {
                throw error("&\(string(j + 1..<k)); is not a character XML allows", at: j)
            }
            UTF8.encode(character) { byte in
                withUnsafeMutableBytes(of: &reference.bytes) { $0[reference.count] = byte }
                reference.count += 1
            }
            return reference
        }
        let byte: UInt8? = switch string(j + 1..<k) {
        case "lt": UInt8(ascii: "<")
        case "gt": UInt8(ascii: ">")
        case "amp": UInt8(ascii: "&")
        case "quot": UInt8(ascii: "\"")
        case "apos": UInt8(ascii: "'")
        default: nil
        }
        guard let byte else { throw error("entity '\(string(j + 1..<k))' is not defined", at: j) }
        reference.bytes.0 = byte
        reference.count = 1
        return reference
    }

    private static func digit(_ c: UInt8, hexadecimal: Bool) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hexadecimal: UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hexadecimal: UInt32(c - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Whether XML allows the character: tab, line ends, and everything from space on but
    /// surrogates, U+FFFE and U+FFFF.
    private static func isAllowed(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The length of the character starting with the byte 0x80 or above at `j`, which must be
    /// well-formed UTF-8 (`TextEncoding.utf8Sequence`) for a character XML allows.
    private func character(at j: Int) throws -> Int {
        guard let sequence = TextEncoding.utf8Sequence(in: bytes, at: j) else {
            throw error("byte 0x\(String(bytes[j], radix: 16, uppercase: true)) is not UTF-8", at: j)
        }
        guard Self.isAllowed(sequence.scalar) else {
            throw error("byte 0x\(String(bytes[j], radix: 16, uppercase: true)) starts no character XML allows", at: j)
        }
        return sequence.length
    }

    /// Moves past one character of a comment or an instruction.
    private mutating func skipCharacter() throws {
        let c = bytes[i]
        switch c {
        case 0x09, 0x0A, 0x0D, 0x20..<0x80: i += 1
        case ..<0x20: throw disallowed(at: i)
        default: i += try character(at: i)
        }
    }

    private func disallowed(at j: Int) -> InputError {
        error("character 0x\(String(bytes[j], radix: 16, uppercase: true)) is not allowed in XML", at: j)
    }

    /// A name (letters, digits, '_', ':', '.', '-' and any character beyond ASCII, not starting
    /// with a digit, '.' or '-'), where it lies.
    private mutating func name() throws -> Range<Int> {
        let first = i
        guard i < bytes.count, Self.isNameStart(bytes[i]) else { throw error("a name is expected", at: i) }
        while i < bytes.count {
            let c = bytes[i]
            if c >= 0x80 { i += try character(at: i) }
            else if Self.isNameStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") { i += 1 }
            else { break }
        }
        return first..<i
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c >= 0x80
    }

    /// A qualified name's prefix and local part, split as libxml2 splits them: at the first
    /// colon when a name lies on each side of it (the local part keeping any later colon);
    /// otherwise no prefix, the whole name local.
    private func split(_ qualified: Range<Int>) -> (prefix: Range<Int>?, local: Range<Int>) {
        var colon = qualified.lowerBound
        while colon < qualified.upperBound, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < qualified.upperBound, colon > qualified.lowerBound,
              colon + 1 < qualified.upperBound, Self.isNameStart(bytes[colon + 1]), bytes[colon + 1] != UInt8(ascii: ":")
        else { return (nil, qualified) }
        return (qualified.lowerBound..<colon, (colon + 1)..<qualified.upperBound)
    }

    private func localName(_ qualified: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[split(qualified).local])
    }

    /// Whether an attribute declares a namespace (`xmlns`, `xmlns:prefix`), which libxml2 does
    /// not hand over as an attribute.
    private func declaresNamespace(_ qualified: Range<Int>) -> Bool {
        guard bytes[qualified.lowerBound] == UInt8(ascii: "x") else { return false }
        let (prefix, local) = split(qualified)
        return bytes(prefix ?? local, are: "xmlns") && (prefix != nil || local.count == 5)
    }

    // MARK: - Helpers

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    /// Moves past spaces; whether there were any.
    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let first = i
        while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
        return i > first
    }

    /// Whether the ASCII `text` lies at `j`.
    private func has(_ text: StaticString, at j: Int) -> Bool {
        text.withUTF8Buffer { wanted in
            guard j + wanted.count <= bytes.count else { return false }
            for k in 0..<wanted.count where bytes[j + k] != wanted[k] { return false }
            return true
        }
    }

    /// The first place from `j` where the ASCII `text` lies.
    private func find(_ text: StaticString, from j: Int) -> Int? {
        var k = j
        while k < bytes.count {
            if has(text, at: k) { return k }
            k += 1
        }
        return nil
    }

    private func bytes(_ range: Range<Int>, are text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount && has(text, at: range.lowerBound)
    }

    private func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where bytes[a.lowerBound + k] != bytes[b.lowerBound + k] { return false }
        return true
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }

    /// The line of the byte at `j` (1 for the first): line feeds before it, and CRs not followed by one.
    private func line(at j: Int) -> Int {
        var line = 1
        for k in 0..<min(j, bytes.count) where bytes[k] == 0x0A || (bytes[k] == 0x0D && (k + 1 == bytes.count || bytes[k + 1] != 0x0A)) { line += 1 }
        return line
    }

    private func error(_ message: String, at j: Int) -> InputError {
        InputError(file: file, message: "part \(part): line \(line(at: j)): not well-formed XML: \(message)")
    }
}
