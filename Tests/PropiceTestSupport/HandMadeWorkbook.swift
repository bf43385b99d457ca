import PropiceGeometry

/// Small hand-made Excel workbooks, for the tests of each habit and each refusal.
public enum HandMadeWorkbook {
    /// A workbook of one sheet `Données` whose worksheet XML is `sheetData` (inside `<sheetData>`),
    /// with the shared strings given. `sheetName` is written as it is given (escaped XML), and
    /// `prologue` before the worksheet's root element (a DOCTYPE, say).
    public static func bytes(_ sheetData: String, strings: [String] = [], sheetName: String = "Données", prologue: String = "") throws -> [UInt8] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts: [(String, String)] = [
            ("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets><sheet name=\"\(sheetName)\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"/xl/worksheets/feuille.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(relationships)/sharedStrings\" Target=\"chaines.xml\"/></Relationships>"),
            ("xl/chaines.xml", "<sst xmlns=\"\(main)\">" + strings.map { "<si>\($0)</si>" }.joined() + "</sst>"),
            ("xl/worksheets/feuille.xml", prologue + "<worksheet xmlns=\"\(main)\"><sheetData>\(sheetData)</sheetData></worksheet>"),
        ]
        return try WorkbookWriter.zip(parts.map { ($0.0, Array($0.1.utf8)) })
    }
}
