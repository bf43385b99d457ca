import Foundation

/// Writes a small Excel workbook (`.xlsx`) the way INSEE publishes its tables: per sheet, title
/// rows above the header, then the rows; text in the shared strings, cells that read as numbers
/// as numbers. For the embedded demo and the tests; the same sheets give the same bytes.
public enum WorkbookWriter {
    /// One sheet: its name, the title rows above the header, the header and the rows.
    public struct Sheet: Sendable {
        public var name: String
        public var titles: [String]
        public var rows: [[String]]

        public init(name: String, titles: [String], rows: [[String]]) {
            self.name = name
            self.titles = titles
            self.rows = rows
        }
    }

    /// The workbook's bytes.
    public static func workbook(_ sheets: [Sheet]) throws -> [UInt8] {
        var strings: [String] = [], stringIndex: [String: Int] = [:]
        func shared(_ text: String) -> Int {
            if let i = stringIndex[text] { return i }
            strings.append(text)
            stringIndex[text] = strings.count - 1
            return strings.count - 1
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var members: [(name: String, bytes: [UInt8])] = []
        var sheetParts: [String] = []
        for (n, sheet) in sheets.enumerated() {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"\(main)\"><sheetData>"
            let rows = sheet.titles.map { [$0] } + sheet.rows
            for (r, row) in rows.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, value) in row.enumerated() where !value.isEmpty {
                    let reference = "\(CellReference.letters(c + 1))\(r + 1)"
                    if r >= sheet.titles.count + 1, Double(value) != nil, !value.hasPrefix("0") || value == "0" || value.hasPrefix("0.") {
                        xml += "<c r=\"\(reference)\" t=\"n\"><v>\(value)</v></c>"
                    } else {
                        xml += "<c r=\"\(reference)\" t=\"s\"><v>\(shared(value))</v></c>"
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData></worksheet>"
            sheetParts.append("worksheets/sheet\(n + 1).xml")
            members.append(("xl/worksheets/sheet\(n + 1).xml", Array(xml.utf8)))
        }
        var sst = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"\(main)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
        for text in strings { sst += "<si><t xml:space=\"preserve\">\(escaped(text))</t></si>" }
        sst += "</sst>"
        var workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><sheets>"
        var rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        var types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        for (n, sheet) in sheets.enumerated() {
            workbook += "<sheet name=\"\(escaped(sheet.name))\" sheetId=\"\(n + 1)\" r:id=\"rId\(n + 1)\"/>"
            rels += "<Relationship Id=\"rId\(n + 1)\" Type=\"\(relationships)/worksheet\" Target=\"\(sheetParts[n])\"/>"
            types += "<Override PartName=\"/xl/\(sheetParts[n])\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        workbook += "</sheets></workbook>"
        rels += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        types += "</Types>"
        let packageRels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        members = [("[Content_Types].xml", Array(types.utf8)), ("_rels/.rels", Array(packageRels.utf8)),
                   ("xl/workbook.xml", Array(workbook.utf8)), ("xl/_rels/workbook.xml.rels", Array(rels.utf8)),
                   ("xl/sharedStrings.xml", Array(sst.utf8))] + members
        return try ZipArchive.archive(members, date: fixedDate)
    }

    /// The bytes of a zip archive holding delimited files (INSEE's zipped CSV), dated like the workbooks.
    public static func zip(_ members: [(name: String, bytes: [UInt8])]) throws -> [UInt8] {
        try ZipArchive.archive(members, date: fixedDate)
    }

    /// 1 January 2025, 00:00 UTC: the date of every member, so that the bytes do not depend on the clock.
    private static let fixedDate = Date(timeIntervalSince1970: 1_735_689_600)

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
