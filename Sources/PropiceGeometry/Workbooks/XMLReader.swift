import CLibXML2
import Foundation

/// libxml2's streaming reader over one XML part of a workbook: nodes are visited in document
/// order, names and values read without copies. Network access and external entities are
/// off; a parse error is an `InputError` naming the file, the part and the line.
final class XMLReader {
    /// What the current node is.
    enum Kind { case element, endElement, text, other }

    private let file: String
    private let part: String
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private let reader: xmlTextReaderPtr
    private let errors: ErrorLog

    init(bytes: [UInt8], part: String, file: String) throws {
        self.file = file
        self.part = part
        guard bytes.count < Int(Int32.max) else { throw InputError(file: file, message: "part \(part) is 2 GiB or more") }
        buffer = .allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
        let raw = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        guard let reader = xmlReaderForMemory(raw, Int32(bytes.count), nil, "UTF-8", options) else {
            buffer.deallocate()
            throw InputError(file: file, message: "part \(part) cannot be opened as XML")
        }
        self.reader = reader
        errors = ErrorLog()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let log = Unmanaged<ErrorLog>.fromOpaque(context).takeUnretainedValue()
            guard log.message == nil else { return }
            let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
            log.message = text.trimmingCharacters(in: .whitespacesAndNewlines)
            log.line = Int(error.pointee.line)
        }, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        buffer.deallocate()
    }

    /// Moves to the next node; false at the end of the part.
    func next() throws -> Bool {
        switch xmlTextReaderRead(reader) {
        case 1: return true
        case 0: return false
        default:
            let line = errors.line.map { "line \($0): " } ?? ""
            throw InputError(file: file, message: "part \(part): \(line)not well-formed XML: \(errors.message ?? "the parser stopped")")
        }
    }

    var kind: Kind {
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): .element
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): .endElement
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue),
             Int32(XML_READER_TYPE_CDATA.rawValue): .text
        default: .other
        }
    }

    /// Whether the current node is named `name` (its local name, without a namespace prefix).
    func isNamed(_ name: StaticString) -> Bool {
        guard let local = xmlTextReaderConstLocalName(reader) else { return false }
        return name.withUTF8Buffer { wanted in
            var i = 0
            while i < wanted.count {
                guard local[i] == wanted[i] else { return false }
                i += 1
            }
            return local[i] == 0
        }
    }

    /// Whether the current element has no content (`<c r="A1"/>`).
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// Calls `body` with the UTF-8 bytes of the current element's attribute `name`, or nil.
    func withAttribute<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        defer { xmlTextReaderMoveToElement(reader) }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if isNamed(name), let value = xmlTextReaderConstValue(reader) {
                return try body(UnsafeBufferPointer(start: value, count: strlen(value)))
            }
        }
        return try body(nil)
    }

    /// The current element's attribute `name` as text, or nil.
    func attribute(_ name: StaticString) -> String? {
        withAttribute(name) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Appends the current text node's UTF-8 bytes to `bytes`.
    func appendValue(to bytes: inout [UInt8]) {
        guard let value = xmlTextReaderConstValue(reader) else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(start: value, count: strlen(value)))
    }

    /// The first error libxml2 reported.
    private final class ErrorLog {
        var message: String?
        var line: Int?
    }
}

private func strlen(_ text: UnsafePointer<xmlChar>) -> Int {
    var n = 0
    while text[n] != 0 { n += 1 }
    return n
}
