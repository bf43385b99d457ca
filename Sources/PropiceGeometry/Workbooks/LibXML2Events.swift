import CLibXML2
import Foundation

/// libxml2's SAX parser over one XML part, for the parts `XMLScanner` leaves to it (another
/// encoding than UTF-8, a DOCTYPE). Network access is off and no entity is declared, so none is
/// expanded but the five of XML.
enum LibXML2Events {
    /// Parses `bytes` (under 2 GiB) as `XMLEvents.parse` does.
    static func parse(_ bytes: [UInt8], part: String, file: String, start: (XMLEvents.Element) throws -> Void,
                      end: (XMLEvents.Element) throws -> Void, text: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
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
            Parse.with(context) { parse in
                parse.deliver { parse in
                    try parse.start(XMLEvents.Element(localName: LibXML2Events.name(localName),
                                                      attributes: parse.attributes(attributes, count: Int(attributeCount))))
                }
            }
        }
        sax.endElementNs = { context, localName, _, _ in
            guard let context, let localName else { return }
            Parse.with(context) { $0.deliver { try $0.end(XMLEvents.Element(localName: LibXML2Events.name(localName), attributes: .init(start: nil, count: 0))) } }
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

    /// A NUL-terminated name's bytes.
    fileprivate static func name(_ text: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
    }

    /// One parse's handlers and what went wrong, reached from the callbacks through libxml2's
    /// user data; used on the parsing thread only.
    private final class Parse {
        let start: (XMLEvents.Element) throws -> Void
        let end: (XMLEvents.Element) throws -> Void
        let text: (UnsafeBufferPointer<UInt8>) throws -> Void
        var context: xmlParserCtxtPtr?
        var failure: (any Error)?
        var errorMessage: String?
        var errorLine: Int?
        /// The attributes of the element being handed over, reused from element to element.
        private var attributeBuffer = UnsafeMutableBufferPointer<XMLEvents.Attribute>.allocate(capacity: 16)

        init(start: @escaping (XMLEvents.Element) throws -> Void, end: @escaping (XMLEvents.Element) throws -> Void,
             text: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) {
            self.start = start
            self.end = end
            self.text = text
        }

        deinit { attributeBuffer.deallocate() }

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

        /// libxml2's attributes (five pointers each: local name, prefix, namespace, value start,
        /// value end) as `XMLEvents.Attribute`s, in a buffer valid until the next element.
        func attributes(_ pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) -> UnsafeBufferPointer<XMLEvents.Attribute> {
            guard let pointers, count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
            if attributeBuffer.count < count {
                attributeBuffer.deallocate()
                attributeBuffer = .allocate(capacity: count)
            }
            var kept = 0
            for i in 0..<count {
                let attribute = pointers + 5 * i
                guard let local = attribute[0], let start = attribute[3], let end = attribute[4] else { continue }
                attributeBuffer.initializeElement(at: kept, to: XMLEvents.Attribute(localName: name(local),
                                                                                     value: UnsafeBufferPointer(start: start, count: end - start)))
                kept += 1
            }
            return UnsafeBufferPointer(rebasing: attributeBuffer[..<kept])
        }
    }
}
