import Testing
@testable import PropiceGeometry
import PropiceTestSupport

/// The scanner that reads workbooks' XML in place against libxml2's SAX parser, which it
/// replaces for UTF-8 parts without a DOCTYPE: the same events for every well-formed part, an
/// error for every part libxml2 refuses.
@Suite("XML scanner")
struct XMLScannerTests {
    /// A parse's events as text: "<name a=v …>", "</name>", and the text between, runs joined.
    private static func events(_ xml: [UInt8], parser: XMLEvents.Parser) -> Result<[String], InputError> {
        var events: [String] = [], text: [UInt8] = []
        func flush() {
            if !text.isEmpty { events.append("text " + String(decoding: text, as: UTF8.self)) }
            text.removeAll()
        }
        do {
            try XMLEvents.parse(xml, part: "part.xml", file: "test.xlsx", parser: parser, start: { element in
                flush()
                let attributes = element.attributes.map { String(decoding: $0.localName, as: UTF8.self) + "=" + String(decoding: $0.value, as: UTF8.self) }
                events.append("<" + String(decoding: element.localName, as: UTF8.self) + attributes.map { " " + $0 }.joined() + ">")
            }, end: { element in
                flush()
                events.append("</" + String(decoding: element.localName, as: UTF8.self) + ">")
            }, text: { text.append(contentsOf: $0) })
            flush()
            return .success(events)
        } catch let error as InputError {
            return .failure(error)
        } catch {
            return .failure(InputError(file: "test.xlsx", message: "\(error)"))
        }
    }

    /// Whether the scanner reads `xml` itself rather than leaving it to libxml2.
    private static func scanned(_ xml: [UInt8]) -> Bool {
        xml.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer, part: "part.xml", file: "test.xlsx")
            return (try? scanner.scan(start: { _ in }, end: { _ in }, text: { _ in })) ?? true
        }
    }

    /// The scanner's and libxml2's outcomes for `xml`, compared: both succeed with the same
    /// events or both fail; nil when they agree, else what differs.
    private static func difference(_ xml: [UInt8]) -> String? {
        switch (events(xml, parser: .automatic), events(xml, parser: .libxml2)) {
        case (.success(let scanner), .success(let libxml2)):
            return scanner == libxml2 ? nil : "events differ: \(scanner) against libxml2's \(libxml2)"
        case (.failure, .failure): return nil
        case (.success(let scanner), .failure(let error)): return "scanner read \(scanner), libxml2 refused: \(error.message)"
        case (.failure(let error), .success(let libxml2)): return "scanner refused (\(error.message)), libxml2 read \(libxml2)"
        }
    }

    @Test("every XML part of INSEE's density grid (24 MB of XML): read by the scanner, the same events as libxml2's")
    func densityGrid() throws {
        let archive = try ZipArchive(path: try Geodata.path("grille-densite-2025/fichier_diffusion_2025.xlsx"))
        let parts = archive.memberNames.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rels") }
        #expect(parts.count == 16)
        for part in parts {
            let xml = try archive.contents(of: part)
            #expect(Self.scanned(xml), "\(part)")
            let scanner = Self.events(xml, parser: .automatic), libxml2 = Self.events(xml, parser: .libxml2)
            guard case .success(let read) = scanner, case .success(let expected) = libxml2 else {
                Issue.record("\(part): \(scanner) \(libxml2)")
                continue
            }
            #expect(read.count == expected.count, "\(part)")
            #expect(read == expected, "\(part)")
        }
    }

    @Test("well-formed parts: references, line ends, spaces in attributes, namespaces, CDATA, comments, declarations")
    func wellFormed() {
        let documents = [
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n" + #"<worksheet xmlns="urn:m" xmlns:r="urn:r"><row r="1" r:id="rId1"><c r="A1" t="s"><v>12</v></c></row></worksheet>"#,
            "\u{FEFF}<?xml version='1.0' encoding='utf-8'?><a b = 'x' c=\"y\" ></a >",
            "<a x=\"1&amp;2 &lt;&gt; &quot;&apos; &#233;&#x2014;&#65;\">t &amp; u &#10;&#13;&#x10FFFF; é—€𝄞</a>",
            "<a x=\"tab\there\nline\r\nend\rcr\">line\r\nend\rlone\n\ttab</a>",
            "<a><![CDATA[<b>&amp;\r\n]]]]><![CDATA[>]]></a>",
            "<!-- before? no: this is in the prolog --><a/>",
            "<a><!-- a comment - with a dash --><?pi some data?><?pi?>text<!----></a><!-- after --><?after?>\n",
            "<x:a xmlns:x=\"urn:x\" x:b=\"1\" xml:space=\"preserve\"><x:c/><d:e/></x:a>",
            "<a>]] ]> > </a>",
            "<données équipe=\"é\">ñ</données>",
            "<a/>",
            "<a>x</a\n>",
            "<a xmlns:=\"u\" xmlns:1=\"v\" x:1=\"w\" :y=\"z\" p:q:r=\"s\" xmlns=\"t\"><:b/><c:/></a>",
            "  \n<a/>  ",
            "<?xml version=\"1.0\"?><a></a>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\u{E9}</a>",
            "<!DOCTYPE a><a>x</a>",
        ]
        for document in documents {
            let bytes = Array(document.utf8)
            #expect(Self.difference(bytes) == nil, "\(document)")
            #expect(Self.events(bytes, parser: .automatic).isSuccess, "\(document)")
        }
        // Another encoding, a DOCTYPE, a comment before the root: left to libxml2; the others read by the scanner.
        let left = documents.filter { $0.contains("ISO-8859-1") || $0.hasPrefix("<!") }
        #expect(left.count == 3)
        for document in documents { #expect(Self.scanned(Array(document.utf8)) == !left.contains(document), "\(document)") }
    }

    @Test("parts that are not well-formed: refused by both, the scanner naming the part and the line")
    func refusals() {
        let documents: [(xml: String, line: Int)] = [
            ("<a>\n<b></a>", 2), ("<a>", 1), ("<a></a><b/>", 1), ("<a></a>text", 1), ("<a x=\"<\"/>", 1), ("<a x=\"1\" x=\"2\"/>", 1),
            ("<a x=1/>", 1), ("<a x=\"1\"y=\"2\"/>", 1), ("<a>&e;</a>", 1), ("<a>&#0;</a>", 1), ("<a>&#xD800;</a>", 1), ("<a>&#x110000;</a>", 1),
            ("<a>&amp</a>", 1), ("<a>&</a>", 1), ("<a>]]></a>", 1), ("<a>\u{1}</a>", 1), ("<a>\n\n<!-- -- --></a>", 3), ("<a><!-- </a>", 1),
            ("<a><?xml version=\"1.0\"?></a>", 1), ("<a><![CDATA[x</a>", 1), ("<a x=\"1\"", 1), ("<a></b>", 1), ("<a><b/ ></a>", 1),
            ("<a>&#X41;</a>", 1), ("<a>\u{FFFE}</a>", 1), ("<1a/>", 1), ("<a><-b/></a>", 1), ("<a x=\"&#x1;\"/>", 1),
            ("<a>" + String(repeating: "<b>", count: 300) + String(repeating: "</b>", count: 300) + "</a>", 1),
        ]
        for (xml, line) in documents {
            #expect(Self.difference(Array(xml.utf8)) == nil, "\(xml)")
            guard case .failure(let error) = Self.events(Array(xml.utf8), parser: .automatic) else {
                Issue.record("\(xml): read")
                continue
            }
            #expect(error.message.hasPrefix("part part.xml: line \(line): not well-formed XML: "), "\(xml): \(error.message)")
        }
        // A tag of many attributes, one given twice far apart; and all distinct, read in linear time.
        let many = (0..<20_000).map { " a\($0)=\"\($0)\"" }
        let twice = "<a" + many.joined() + " a7=\"x\"/>"
        #expect(Self.difference(Array(twice.utf8)) == nil)
        #expect(Self.events(Array(twice.utf8), parser: .automatic).failureMessage?.hasSuffix("attribute a7 is given twice in a") == true)
        guard case .success(let read) = Self.events(Array(("<a" + many.joined() + "/>").utf8), parser: .automatic) else {
            Issue.record("20,000 distinct attributes refused")
            return
        }
        #expect(read.count == 2 && read[0].hasSuffix(" a19999=19999>"))
        // Bytes that are not UTF-8 in a part that says it is.
        let latin1: [UInt8] = Array("<a>".utf8) + [0xE9] + Array("</a>".utf8)
        #expect(Self.difference(latin1) == nil)
        #expect(Self.events(latin1, parser: .automatic).failureMessage?.contains("byte 0xE9 is not UTF-8") == true)
    }

    @Test("a sheet changed at random 10,000 times, one to three bytes at a time: the scanner and libxml2 agree on every version")
    func randomEdits() {
        let sheet = Array((#"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + #"<worksheet xmlns="urn:m" xmlns:x="urn:x"><sheetData>"#
            + #"<row r="1" x:h="a&amp;b&#10;\#tc"><c r="A1" t="inlineStr"><is><t>Lot &amp; Garonne &#233;</t></is></c><c r='B1'><v>1.5</v></c></row>"#
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><!-- note --><?pi x?><c r=\"B2\"/><a><![CDATA[x]]></a></row></sheetData></worksheet>\n").utf8)
        let alphabet = Array("<>&;#x\"'/=!?-]: \r\n\tazé1[CDATA".utf8) + [0x00, 0xC3, 0xFF]
        var random = SplitMix64(seed: 2026)
        func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        var differences: [String] = []
        for _ in 0..<10_000 {
            var xml = sheet
            for _ in 0...below(3) {
                let at = below(xml.count), byte = alphabet[below(alphabet.count)]
                switch below(3) {
                case 0: xml[at] = byte
                case 1: xml.insert(byte, at: at)
                default: xml.remove(at: at)
                }
            }
            if let difference = Self.difference(xml) { differences.append(String(decoding: xml, as: UTF8.self) + "\n→ " + difference) }
        }
        #expect(differences.isEmpty, "\(differences.count) differences, the first: \(differences.first ?? "")")
    }
}

private extension Result where Failure == InputError {
    var isSuccess: Bool { if case .success = self { true } else { false } }
    var failureMessage: String? { if case .failure(let error) = self { error.message } else { nil } }
}

