import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("French file habits")
struct FileHabitsTests {
    let folder = TemporaryFolder()

    func parse(_ text: String, _ format: NumberFormat) -> Double? {
        var text = text
        return text.withUTF8 { format.parse($0) }
    }

    @Test("numbers with decimal commas and thousands grouped by spaces, no-break or narrow no-break spaces")
    func numbers() {
        let french = NumberFormat(decimalComma: true, spacedThousands: true)
        #expect(parse("19 805", french) == 19805)
        #expect(parse("19\u{A0}805", french) == 19805)
        #expect(parse("1\u{202F}234\u{202F}567,5", french) == 1_234_567.5)
        #expect(parse("9,372335348", french) == 9.372335348)
        #expect(parse("-0,5", french) == -0.5)
        #expect(parse("19  805", french) == nil)
        #expect(parse("19 805", NumberFormat()) == nil)
        #expect(parse("9,5", NumberFormat()) == nil)
        #expect(parse("2.5e3", NumberFormat()) == 2500)
        #expect(parse("12345678901234567890", NumberFormat()) == 12345678901234567890)
        for bad in ["", "s", "1.2.3", "-", "e5", "1e", "12a", ",5 "] { #expect(parse(bad, french) == nil, "\(bad)") }
    }

    @Test("LOVAC's Latin-1 file with fields padded around ' ; ' and '19 805' reads 19805 for the Ain")
    func lovac() throws {
        let path = try Geodata.path("lovac-departements/lovac_opendata_dep.csv")
        let table = try TextTable(path: path, format: .init(delimiter: UInt8(ascii: ";"), encoding: .latin1))
        #expect(table.count == 101)
        #expect(table.columns.first == "DEP" && table.columns.contains("pp_vacant_25"))
        let dep = try table.column("DEP"), name = try table.column("LIB_DEP"), vacant = try table.column("pp_vacant_25")
        #expect(table[0, dep] == "01" && table[0, name] == "Ain")
        #expect(table.withField(0, vacant) { NumberFormat(spacedThousands: true).parse($0) } == 19805)
        let ardeche = try #require((0..<table.count).first { table[$0, dep] == "07" })
        #expect(table[ardeche, name] == "Ardèche")
    }

    @Test("RPLS's byte order mark is not part of its first column's name")
    func rplsByteOrderMark() throws {
        let table = try TextTable(path: try Geodata.path("rpls-2024/export_parc_logements_sociaux_jan_2024.csv"), format: .init(encoding: .utf8))
        #expect(table.columns.first == "DEPCOM_ARM")
        #expect(table.count == 16_859)
    }

    @Test("a Latin-1 byte in a file declared UTF-8 names its line and column and suggests latin-1")
    func invalidUTF8() throws {
        let path = folder.write("t.csv", bytes: Array("a;b\n1;ok\n2;Ari".utf8) + [0xE8] + Array("ge\n".utf8))
        let error = inputError { _ = try TextTable(path: path, format: .init(encoding: .utf8)) }
        #expect(error?.description == "\(path): line 3, column 6: byte 0xE8 is not UTF-8: if the file is Latin-1, declare `encoding: latin-1`")
        let table = try TextTable(path: path, format: .init(encoding: .latin1))
        #expect(table[1, 1] == "Ariège")
        let windows = folder.write("w.csv", bytes: Array("a;b\n".utf8) + [0x9C, 0x75, 0x76, 0x72, 0x65, 0x3B, 0x31, 0x30, 0x80, 0x0A])
        #expect(try TextTable(path: windows, format: .init(encoding: .windows1252)).rows == [["œuvre", "10€"]])
        #expect(try TextTable(path: windows, format: .init(encoding: .latin1)).rows == [["\u{9C}uvre", "10\u{80}"]])
    }

    @Test("quoted fields keep delimiters, line breaks and doubled quotes; padding is trimmed; a stray quote is located")
    func quoting() throws {
        let path = folder.write("q.csv", " code ; nom \r\n 01001 ; \"L'Abergement; \"\"Clémenciat\"\"\nsur deux lignes\" \r\n\r\n")
        let table = try TextTable(path: path)
        #expect(table.columns == ["code", "nom"])
        #expect(table.rows == [["01001", "L'Abergement; \"Clémenciat\"\nsur deux lignes"]])
        #expect(table.line(0) == 2)
        let stray = folder.write("s.csv", "a;b\n1;\"x\"y\n")
        #expect(inputError { _ = try TextTable(path: stray) }?.description
                == "\(stray): line 2, column 2: a closing quote is followed by text: a quote inside a quoted field is written twice")
        let open = folder.write("o.csv", "a;b\n1;\"x\n")
        #expect(inputError { _ = try TextTable(path: open) }?.description == "\(open): line 2, column 2: a quoted field is never closed")
    }
}
