/// The events of one XML part of a workbook: each element's start (its local name and
/// attributes), each element's end and each run of text, in document order, handed to the
/// caller without a node being built. A part in UTF-8 without a document type is read by
/// `XMLScanner` in place; any other part (another encoding, a DOCTYPE) by libxml2's SAX parser
/// (`LibXML2Events`), which the scanner gives the same events as. No entity is expanded but
/// the five of XML and character references; a part that is not well-formed is an
/// `InputError` naming the file, the part and the line.
enum XMLEvents {
    /// An element's start or end: its local name (without a namespace prefix) and, at its
    /// start, its attributes (namespace declarations left out). Valid during the call it is
    /// handed to only.
    struct Element {
        let localName: UnsafeBufferPointer<UInt8>
        let attributes: UnsafeBufferPointer<Attribute>

        /// Whether the element is named `name`.
        func isNamed(_ name: StaticString) -> Bool { XMLEvents.bytes(localName, are: name) }

        /// Calls `body` with the UTF-8 bytes of the attribute `name` (its local name), or nil.
        func withAttribute<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
            for attribute in attributes where XMLEvents.bytes(attribute.localName, are: name) { return try body(attribute.value) }
            return try body(nil)
        }

        /// The attribute `name` as text, or nil.
        func attribute(_ name: StaticString) -> String? {
            withAttribute(name) { $0.map { String(decoding: $0, as: UTF8.self) } }
        }
    }

    /// An attribute: its local name and its value, references replaced.
    struct Attribute {
        let localName: UnsafeBufferPointer<UInt8>
        let value: UnsafeBufferPointer<UInt8>
    }

    /// Which parser reads a part: the scanner when it can (`automatic`), or libxml2.
    enum Parser { case automatic, libxml2 }

    /// Parses `bytes`, calling `start` and `end` for each element and `text` for each run of
    /// text, in document order. The first error one throws stops the parse and is rethrown.
    static func parse(_ bytes: [UInt8], part: String, file: String, parser: Parser = .automatic, start: (Element) throws -> Void,
                      end: (Element) throws -> Void = { _ in }, text: (UnsafeBufferPointer<UInt8>) throws -> Void = { _ in }) throws {
        guard bytes.count < Int(Int32.max) else { throw InputError(file: file, message: "part \(part) is 2 GiB or more") }
        let scanned = try parser == .automatic && bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer, part: part, file: file)
            return try scanner.scan(start: start, end: end, text: text)
        }
        if !scanned { try LibXML2Events.parse(bytes, part: part, file: file, start: start, end: end, text: text) }
    }

    /// Whether `bytes` are the ASCII `name`.
    static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, are name: StaticString) -> Bool {
        name.withUTF8Buffer { wanted in
            guard wanted.count == bytes.count else { return false }
            for k in 0..<wanted.count where bytes[k] != wanted[k] { return false }
            return true
        }
    }
}
