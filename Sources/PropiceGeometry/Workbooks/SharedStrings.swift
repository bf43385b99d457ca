/// A workbook's table of shared strings (`xl/sharedStrings.xml`): the text of each `<si>`
/// item, its rich-text runs joined and its phonetic runs (`<rPh>`) left out, as UTF-8 bytes.
struct SharedStrings {
    private var text: [UInt8] = []
    /// The end offset in `text` of each string; string i starts where string i − 1 ends.
    private var ends: [Int] = []

    init(bytes: [UInt8], part: String, file: String) throws {
        let reader = try XMLReader(bytes: bytes, part: part, file: file)
        var inItem = false, inText = false, phonetic = 0
        while try reader.next() {
            switch reader.kind {
            case .element:
                if reader.isNamed("si") { inItem = !reader.isEmptyElement; if !inItem { ends.append(text.count) } }
                else if reader.isNamed("rPh") { if !reader.isEmptyElement { phonetic += 1 } }
                else if reader.isNamed("t") { inText = !reader.isEmptyElement }
            case .endElement:
                if reader.isNamed("si") { inItem = false; ends.append(text.count) }
                else if reader.isNamed("rPh") { phonetic = max(phonetic - 1, 0) }
                else if reader.isNamed("t") { inText = false }
            case .text:
                if inItem && inText && phonetic == 0 { reader.appendValue(to: &text) }
            case .other: break
            }
        }
    }

    var count: Int { ends.count }

    /// Appends string `index`'s bytes to `bytes`; false when there is no such string.
    func append(_ index: Int, to bytes: inout [UInt8]) -> Bool {
        guard index >= 0, index < ends.count else { return false }
        let start = index == 0 ? 0 : ends[index - 1]
        bytes.append(contentsOf: text[start..<ends[index]])
        return true
    }
}
