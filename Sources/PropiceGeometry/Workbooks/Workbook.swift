/// An Excel workbook (`.xlsx`, Office Open XML: a zip archive of XML parts) read for the
/// values of its sheets, as INSEE publishes its tables: shared and inline strings, numbers
/// (also stored as text), booleans as `1` and `0`, error cells (`#N/A`, `#DIV/0!`) kept apart
/// as missing. Formulas are not evaluated: their cached values are read.
struct Workbook {
    let path: String
    /// The sheets in the workbook's order: their names and the archive members holding them.
    let sheets: [(name: String, part: String)]
    private let archive: ZipArchive
    /// The member holding the shared strings, if any.
    private let sharedStringsPart: String?

    init(path: String) throws {
        self.path = path
        do {
            archive = try ZipArchive(path: path)
        } catch let error as InputError where error.message.hasPrefix("is not") {
            throw InputError(file: path, message: "is not an Excel workbook (.xlsx): \(error.message)")
        }
        let workbookPart = "xl/workbook.xml"
        guard archive.contains(workbookPart) else {
            throw InputError(file: path, message: "is a zip archive but not an Excel workbook (.xlsx): it has no \(workbookPart)")
        }
        var targets: [String: String] = [:], sharedStrings: String?
        let relationships = "xl/_rels/workbook.xml.rels"
        if archive.contains(relationships) {
            try XMLEvents.parse(try archive.contents(of: relationships), part: relationships, file: path, start: { element in
                guard element.isNamed("Relationship"), let id = element.attribute("Id"), let target = element.attribute("Target") else { return }
                let member = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                targets[id] = member
                if element.attribute("Type")?.hasSuffix("/sharedStrings") == true { sharedStrings = member }
            })
        }
        var sheets: [(name: String, part: String)] = []
        try XMLEvents.parse(try archive.contents(of: workbookPart), part: workbookPart, file: path, start: { [path] element in
            guard element.isNamed("sheet"), let name = element.attribute("name") else { return }
            // The relationship id is `r:id`; its local name is `id`.
            guard let id = element.attribute("id"), let part = targets[id] else {
                throw InputError(file: path, message: "sheet '\(name)' names no part of the workbook")
            }
            sheets.append((name, part))
        })
        self.sheets = sheets
        sharedStringsPart = sharedStrings ?? (archive.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil)
    }

    /// A sheet's values as a table whose header is on `headerRow` (1-based): the rows above are
    /// titles and labels, left out; empty rows are dropped.
    func table(sheet name: String, headerRow: Int) throws -> TextTable {
        guard let part = sheets.first(where: { $0.name == name })?.part else {
            throw InputError(file: path, message: "no sheet '\(name)'; the sheets are \(sheets.map { "'\($0.name)'" }.joined(separator: ", "))")
        }
        guard headerRow >= 1, headerRow <= CellReference.maximumRow else {
            throw InputError(file: path, message: "header_row \(headerRow) is not a row of a sheet (1 to \(CellReference.maximumRow))")
        }
        let strings = try sharedStringsPart.map { try SharedStrings(bytes: try archive.contents(of: $0), part: $0, file: path) }
        var reader = SheetReader(file: path, sheet: name, headerRow: headerRow, strings: strings)
        return try reader.read(try archive.contents(of: part), part: part)
    }
}
