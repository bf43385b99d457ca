import CLibXML2
import Foundation

/// libxml2's SAX parser over one XML part of a workbook: each element's start (its local name
/// and attributes), each element's end and each run of text, in document order, handed to the
/// caller without a node being built (the streaming reader built and freed one per element,
/// half of a large sheet's time). Network access is off and no entity is declared, so none is
/// expanded but the five of XML; a parse error is an `InputError` naming the file, the part
/// and the line.
enum XMLEvents {
    /// An element's start or end: its local name (without a namespace prefix) and, at its
    /// start, its attributes. Valid during the call it is handed to only.
    struct Element {
        fileprivate let localName: UnsafePointer<xmlChar>
        /// Five pointers per attribute: local name, prefix, namespace, value start, value end.
        fileprivate let attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
        fileprivate let attributeCount: Int

        /// Whether the element is named `name`.
        func isNamed(_ name: StaticString) -> Bool { XMLEvents.name(localName, is: name) }

        /// Calls `body` with the UTF-8 bytes of the attribute `name` (its local name), or nil.
        func withAttribute<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
            if let attributes {
                for i in 0..<attributeCount {
                    let attribute = attributes + 5 * i
                    guard let local = attribute[0], XMLEvents.name(local, is: name), let start = attribute[3], let end = attribute[4] else { continue }
                    return try body(UnsafeBufferPointer(start: start, count: end - start))
                }
            }
            return try body(nil)
        }

        /// The attribute `name` as text, or nil.
        func attribute(_ name: StaticString) -> String? {
            withAttribute(name) { $0.map { String(decoding: $0, as: UTF8.self) } }
        }
    }

    /// Parses `bytes`, calling `start` and `end` for each element and `text` for each run of
    /// text, in document order. The first error one throws stops the parse and is rethrown.
    static func parse(_ bytes: [UInt8], part: String, file: String, start: (Element) throws -> Void,
                      end: (Element) throws -> Void = { _ in }, text: (UnsafeBufferPointer<UInt8>) throws -> Void = { _ in }) throws {
        guard bytes.count < Int(Int32.max) else { throw InputError(file: file, message: "part \(part) is 2 GiB or more") }
        try withoutActuallyEscaping(start) { start in
            try withoutActuallyEscaping(end) { end in
                try withoutActuallyEscaping(text) { text in
                    try run(bytes, part: part, file: file, Parse(start: start, end: end, text: text))
                }
            }
        }
    }

    /// libxml2's globals, set up once before any parse: its lazy set-up is not safe when two
    /// threads parse at once (two sheets of one workbook read by two sources), and crashed
    /// one France build in about forty.
    private static let initialised: Void = xmlInitParser()

    private static func run(_ bytes: [UInt8], part: String, file: String, _ parse: Parse) throws {
        initialised
        try bytes.withUnsafeBufferPointer { buffer in
            let raw = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let context = xmlCreateMemoryParserCtxt(raw, Int32(buffer.count)) else {
                throw InputError(file: file, message: "part \(part) cannot be opened as XML")
            }
            defer { xmlFreeParserCtxt(context) }
            // NOENT: character and the five predefined references are replaced in attribute values
            // too (without it, libxml2 hands `&amp;` over as `&#38;`); no other entity is declared.
            let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue) | Int32(XML_PARSE_NOENT.rawValue)
            xmlCtxtUseOptions(context, options)
            context.pointee.sax.pointee = handler()
            parse.context = context
            context.pointee.userData = Unmanaged.passUnretained(parse).toOpaque()
            let status = xmlParseDocument(context)
            if let failure = parse.failure { throw failure }
            guard status == 0, context.pointee.wellFormed == 1 else {
                let line = parse.errorLine.map { "line \($0): " } ?? ""
                throw InputError(file: file, message: "part \(part): \(line)not well-formed XML: \(parse.errorMessage ?? "the parser stopped")")
            }
        }
    }

    /// The SAX callbacks: elements, text (CDATA included), the first error.
    private static func handler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localName, _, _, _, _, attributeCount, _, attributes in
            guard let context, let localName else { return }
            Parse.with(context) { $0.deliver { try $0.start(Element(localName: localName, attributes: attributes, attributeCount: Int(attributeCount))) } }
        }
        sax.endElementNs = { context, localName, _, _ in
            guard let context, let localName else { return }
            Parse.with(context) { $0.deliver { try $0.end(Element(localName: localName, attributes: nil, attributeCount: 0)) } }
        }
        let characters: charactersSAXFunc = { context, bytes, count in
            guard let context, let bytes, count > 0 else { return }
            Parse.with(context) { $0.deliver { try $0.text(UnsafeBufferPointer(start: bytes, count: Int(count))) } }
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.serror = { context, error in
            guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            Parse.with(context) { parse in
                guard parse.errorMessage == nil else { return }
                let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
                parse.errorMessage = text.trimmingCharacters(in: .whitespacesAndNewlines)
                parse.errorLine = Int(error.pointee.line)
            }
        }
        return sax
    }

    /// One parse's handlers and what went wrong, reached from the callbacks through libxml2's
    /// user data; used on the parsing thread only.
    private final class Parse {
        let start: (Element) throws -> Void
        let end: (Element) throws -> Void
        let text: (UnsafeBufferPointer<UInt8>) throws -> Void
        var context: xmlParserCtxtPtr?
        var failure: (any Error)?
        var errorMessage: String?
        var errorLine: Int?

        init(start: @escaping (Element) throws -> Void, end: @escaping (Element) throws -> Void,
             text: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) {
            self.start = start
            self.end = end
            self.text = text
        }

        /// Runs `body` with the parse behind libxml2's user data, not retained: `run` holds it
        /// for the whole parse. (Retaining and releasing it at each of a large sheet's millions
        /// of callbacks was a tenth of reading it.)
        static func with(_ context: UnsafeMutableRawPointer, _ body: (Parse) -> Void) {
            Unmanaged<Parse>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
        }

        /// Runs a handler unless one failed; the first failure stops the parser.
        func deliver(_ call: (Parse) throws -> Void) {
            guard failure == nil else { return }
            do { try call(self) } catch {
                failure = error
                if let context { xmlStopParser(context) }
            }
        }
    }

    /// Whether the NUL-terminated `text` is `name`.
    fileprivate static func name(_ text: UnsafePointer<xmlChar>, is name: StaticString) -> Bool {
        name.withUTF8Buffer { wanted in
            var i = 0
            while i < wanted.count {
                guard text[i] == wanted[i] else { return false }
                i += 1
            }
            return text[i] == 0
        }
    }
}
