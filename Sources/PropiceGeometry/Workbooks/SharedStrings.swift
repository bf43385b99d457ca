/// A workbook's table of shared strings (`xl/sharedStrings.xml`): the text of each `<si>`
/// item, its rich-text runs joined and its phonetic runs (`<rPh>`) left out, as UTF-8 bytes.
struct SharedStrings {
    private let text: [UInt8]
    /// The end offset in `text` of each string; string i starts where string i − 1 ends.
    private let ends: [Int]

    init(bytes: [UInt8], part: String, file: String) throws {
        var inItem = false, inText = false, phonetic = 0
        var text: [UInt8] = [], ends: [Int] = []
        try XMLEvents.parse(bytes, part: part, file: file, start: { element in
            if element.isNamed("si") { inItem = true }
            else if element.isNamed("rPh") { phonetic += 1 }
            else if element.isNamed("t") { inText = true }
        }, end: { element in
            if element.isNamed("si") { inItem = false; ends.append(text.count) }
            else if element.isNamed("rPh") { phonetic = max(phonetic - 1, 0) }
            else if element.isNamed("t") { inText = false }
        }, text: { bytes in
            if inItem && inText && phonetic == 0 { text.append(contentsOf: bytes) }
        })
        self.text = text
        self.ends = ends
    }

    var count: Int { ends.count }

    /// String `index`'s bytes, in place; nil when there is no such string.
    subscript(index: Int) -> ArraySlice<UInt8>? {
        guard index >= 0, index < ends.count else { return nil }
        return text[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }
}
