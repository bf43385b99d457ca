import PropiceGeometry

/// Reads a small Excel workbook of one sheet whose XML part chosen by the variant is the
/// content (the sheet, its shared strings, the workbook or the workbook's relationships), the
/// sheet as a table under its first row: the XML reaches `XMLScanner` (or libxml2) whole, not
/// behind a zip archive's checksums.
struct WorkbookFuzzReader: FuzzReader {
    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// The workbook's parts, and what each holds when the content does not replace it.
    private static let parts: [(name: String, xml: String)] = [
        ("xl/worksheets/feuille.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="\#(main)"><sheetData>"#
            + #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>valeur</t></is></c></row>"#
            + #"<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>12.5</v></c></row></sheetData></worksheet>"#),
        ("xl/chaines.xml", #"<sst xmlns="\#(main)"><si><t>code</t></si><si><r><t>01</t></r><r><t>001</t></r></si></sst>"#),
        ("xl/workbook.xml", #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets><sheet name="Données" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="/xl/worksheets/feuille.xml"/>"#
            + #"<Relationship Id="rId2" Type="\#(relationships)/sharedStrings" Target="chaines.xml"/></Relationships>"#),
    ]

    func read(variant: UInt8, content: ArraySlice<UInt8>, scratch: FuzzScratch) throws -> String {
        let replaced = Int(variant) % Self.parts.count
        let members = Self.parts.enumerated().map { i, part in (name: part.name, bytes: i == replaced ? Array(content) : Array(part.xml.utf8)) }
        let path = try scratch.write(try WorkbookWriter.zip(members)[...], to: "classeur.xlsx")
        let table = try TextTable(path: path, in: .sheet("Données", headerRow: 1))
        let rows = (0..<min(table.count, 3)).map { row in table.columns.indices.map { table[row, $0] }.joined(separator: "|") }
        return "\(table.count) rows under \(table.columns.joined(separator: "|")): " + rows.joined(separator: " / ")
    }
}
