import Foundation
import Testing
@testable import PropiceGeometry
import PropiceTestSupport

/// Excel workbooks and zipped CSV read as INSEE publishes them: INSEE's own density grid and
/// comparateur, and small hand-made files for each habit and each refusal.
@Suite("Workbooks and zip archives")
struct WorkbookTests {
    @Test("INSEE's density grid: the EPCI sheet under its title rows, all 1,255 EPCI; the commune sheet's numbers")
    func densityGrid() throws {
        let path = try Geodata.path("grille-densite-2025/fichier_diffusion_2025.xlsx")
        let epci = try TextTable(path: path, in: .sheet("Maille EPCI", headerRow: 5))
        #expect(epci.columns == ["ECPI", "LIB_EPCI", "DENS", "LIBDENS", "PMUN22", "P1", "P2", "P3"])
        #expect(epci.count == 1255)
        #expect(epci.line(0) == 6)
        #expect(epci[0, 0] == "200000172" && epci[0, 1] == "Communauté de communes Faucigny-Glières" && epci[0, 2] == "2")
        let communes = try TextTable(path: path, in: .sheet("Maille communale", headerRow: 5))
        #expect(communes.count == 34875)
        #expect(communes.columns.prefix(3) == ["CODGEO", "LIBGEO", "DENS"])
        #expect(communes[0, 0] == "01001" && communes[0, 4] == "859" && communes[2, 6] == "96.9337622634728")
        #expect(try communes.column("DENS7") == 10)
        let error = inputError { _ = try TextTable(path: path, in: .sheet("Maille régionale", headerRow: 5)) }
        #expect(error?.message == "no sheet 'Maille régionale'; the sheets are 'Maille communale', 'Maille EPCI', 'Maille Bassin de Vie', 'Maille départementale', 'Documentation'")
        #expect(inputError { _ = try TextTable(path: path, in: .sheet("Maille EPCI", headerRow: 2000)) }?.message
                == "sheet 'Maille EPCI' ends at row 1260: there is no header on row 2000")
    }

    @Test("shared strings with rich-text runs and phonetic runs, inline strings, numbers as text, gaps, booleans and error cells")
    func cellKinds() throws {
        let folder = TemporaryFolder()
        let path = folder.write("classeur.xlsx", bytes: try HandMadeWorkbook.bytes("""
            <row r="1"><c r="A1" t="s"><v>0</v></c></row>
            <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="inlineStr"><is><t>valeur</t></is></c><c r="D3" t="s"><v>2</v></c></row>
            <row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="D4" t="b"><v>1</v></c></row>
            <row r="5"/>
            <row r="7"><c t="inlineStr"><is><t>01002</t></is></c><c><v>12.5</v></c><c t="str"><v>calculé</v></c><c t="s"><v>4</v></c></row>
            """, strings: ["<t>Titre</t>", "<r><t>co</t></r><r><t>de</t></r><rPh><t>コード</t></rPh>", "<t>drapeau</t>", "<t xml:space=\"preserve\"> 01001 </t>", "<t>1 234</t>"]))
        let table = try TextTable(path: path, in: .sheet("Données", headerRow: 3))
        #expect(table.columns == ["code", "valeur", "", "drapeau"])
        #expect(table.rows == [["01001", "", "", "1"], ["01002", "12.5", "calculé", "1 234"]])
        #expect(table.place(1) == "row 7")
        #expect(table.isErrorCell(0, 1) && !table.isErrorCell(0, 0) && !table.isErrorCell(1, 1))
        #expect(table.error(row: 1, column: 3, "x").description == "\(path): sheet 'Données', cell D7: x")
        #expect(inputError { _ = try TextTable(path: path, in: .sheet("Données", headerRow: 5)) }?.message
                == "sheet 'Données': row 5, where the header was expected, is empty")
    }

    @Test("the five references of XML and character references, in cells and in a sheet's name; a DTD's entities are neither expanded nor fetched")
    func references() throws {
        let folder = TemporaryFolder()
        let path = folder.write("references.xlsx", bytes: try HandMadeWorkbook.bytes(
            #"<row r="1"><c r="A1" t="inlineStr"><is><t>nom</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Lot &amp; Garonne &lt;&#233;&#x2014;&gt; &quot;1&apos;</t></is></c></row>"#,
            sheetName: "R&amp;D &#233;t&#xE9;"))
        let table = try TextTable(path: path, in: .sheet("R&D été", headerRow: 1))
        #expect(table.rows == [["Lot & Garonne <é—> \"1'"]])
        // An internal entity, and an external one naming a file that exists: neither is declared, so neither is read.
        let secret = folder.write("secret.txt", "secret")
        for declaration in [#"<!ENTITY e "expanded">"#, #"<!ENTITY e SYSTEM "file://\#(secret)">"#] {
            let dtd = folder.write("dtd.xlsx", bytes: try HandMadeWorkbook.bytes(
                #"<row r="1"><c r="A1" t="inlineStr"><is><t>nom</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>&e;</t></is></c></row>"#,
                prologue: "<!DOCTYPE worksheet [\(declaration)]>"))
            #expect(inputError { _ = try TextTable(path: dtd, in: .sheet("Données", headerRow: 1)) }?.message
                    == "part xl/worksheets/feuille.xml: line 1: not well-formed XML: Entity 'e' not defined", "\(declaration)")
        }
    }

    @Test("a workbook's refusals: a value beyond the header, a shared string that does not exist, broken XML, not a workbook")
    func refusals() throws {
        let folder = TemporaryFolder()
        let wide = folder.write("large.xlsx", bytes: try HandMadeWorkbook.bytes(
            #"<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>2</v></c></row>"#))
        #expect(inputError { _ = try TextTable(path: wide, in: .sheet("Données", headerRow: 1)) }?.description
                == "\(wide): sheet 'Données', cell C2: a value lies beyond the header's last column, A")
        let missing = folder.write("chaine.xlsx", bytes: try HandMadeWorkbook.bytes(#"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#))
        #expect(inputError { _ = try TextTable(path: missing, in: .sheet("Données", headerRow: 1)) }?.description
                == "\(missing): sheet 'Données', cell A1: the cell names shared string 7, which the workbook does not have")
        let twice = folder.write("double.xlsx", bytes: try HandMadeWorkbook.bytes(
            #"<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1"><v>1</v></c><c r="B1"><v>2</v></c></row>"#))
        #expect(inputError { _ = try TextTable(path: twice, in: .sheet("Données", headerRow: 1)) }?.description
                == "\(twice): sheet 'Données', cell B1: the cell comes after cell B1 in its row: a cell is given twice, or out of order")
        let broken = folder.write("casse.xlsx", bytes: try HandMadeWorkbook.bytes(#"<row r="1"><c r="A1"><v>1</v></row>"#))
        let message = inputError { _ = try TextTable(path: broken, in: .sheet("Données", headerRow: 1)) }?.message ?? ""
        #expect(message.hasPrefix("part xl/worksheets/feuille.xml: line 1: not well-formed XML: "), "\(message)")
        let csv = folder.write("table.csv", "code;valeur\n01001;1\n")
        #expect(inputError { _ = try TextTable(path: csv, in: .sheet("Données", headerRow: 1)) }?.message
                == "is not an Excel workbook (.xlsx): is not a zip archive: it does not start with the zip signature 'PK'")
        let zip = folder.write("archive.zip", bytes: try WorkbookWriter.zip([("table.csv", Array("code\n1\n".utf8))]))
        #expect(inputError { _ = try TextTable(path: zip, in: .sheet("Données", headerRow: 1)) }?.message
                == "is a zip archive but not an Excel workbook (.xlsx): it has no xl/workbook.xml")
        #expect(inputError { _ = try TextTable(path: zip) }?.message
                == "is a zip archive, not a delimited table: declare the member to read (member:), or the sheet (sheet:) of an Excel workbook")
    }

    @Test("a small sheet cannot make the reader hold more than 50 million fields: a header reaching column XFD, thousands of rows")
    func boundedFields() throws {
        let folder = TemporaryFolder()
        let rows = (2...3100).map { #"<row r="\#($0)"><c r="A\#($0)"><v>1</v></c></row>"# }.joined()
        let path = folder.write("large.xlsx", bytes: try HandMadeWorkbook.bytes(
            #"<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="XFD1" t="inlineStr"><is><t>loin</t></is></c></row>"# + rows))
        #expect(inputError { _ = try TextTable(path: path, in: .sheet("Données", headerRow: 1)) }?.message
                == "sheet 'Données' holds more than 50000000 fields under its 16384-column header (row 3053)")
    }

    @Test("INSEE's comparateur read inside its zip, Paris beside its arrondissements; a member that does not exist names those that do")
    func zippedCSV() throws {
        let path = try Geodata.path("insee-comparateur-2022/base_cc_comparateur_csv.zip")
        let table = try TextTable(path: path, in: .zipMember("base_cc_comparateur.CSV"), format: .init(delimiter: UInt8(ascii: ";"), encoding: .utf8))
        #expect(table.count == 35010)
        #expect(table.file == "\(path), member base_cc_comparateur.CSV")
        #expect(table.columns.prefix(3) == ["CODGEO", "P18_POP", "P13_POP"])
        #expect(table[0, 0] == "01001" && table[0, 1] == "771")
        #expect(table.error(row: 0, column: 1, "x").description == "\(path), member base_cc_comparateur.CSV: line 2, column 2: x")
        #expect(inputError { _ = try TextTable(path: path, in: .zipMember("base.csv")) }?.message
                == "no member 'base.csv' in the archive; its members are 'base_cc_comparateur.CSV', 'meta_base_cc_comparateur.CSV'")
    }

    @Test("a member's declared size is bounded before anything is inflated, and what is inflated never exceeds it")
    func boundedInflation() throws {
        let folder = TemporaryFolder()
        let text = Array(String(repeating: "01001;1\n", count: 500).utf8)
        let archive = try WorkbookWriter.zip([("table.csv", text)])
        func declaring(_ size: UInt32) -> [UInt8] {
            var bytes = archive
            for (signature, offset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 22), ([0x50, 0x4B, 0x01, 0x02], 24)] {
                let at = bytes.firstRange(of: signature)!.lowerBound + offset
                for k in 0..<4 { bytes[at + k] = UInt8((size >> (8 * UInt32(k))) & 0xFF) }
            }
            return bytes
        }
        let huge = folder.write("enorme.zip", bytes: declaring(0xFFFF_FFF0))
        #expect(inputError { _ = try TextTable(path: huge, in: .zipMember("table.csv")) }?.message
                == "member 'table.csv' declares 4294967280 bytes once inflated, more than the 1073741824 propice reads")
        let small = folder.write("menteur.zip", bytes: declaring(100))
        #expect(inputError { _ = try TextTable(path: small, in: .zipMember("table.csv")) }?.message
                == "member 'table.csv' inflates to more than the 100 bytes it declares")
        let whole = folder.write("juste.zip", bytes: archive)
        #expect(try TextTable(path: whole, in: .zipMember("table.csv"), format: .init(delimiter: UInt8(ascii: ";"))).count == 499)
        let garbage = folder.write("faux.zip", bytes: Array("PK\u{3}\u{4} not really a zip".utf8))
        #expect(inputError { _ = try TextTable(path: garbage, in: .zipMember("table.csv")) }?.message.hasPrefix("is not a readable zip archive") == true)
    }

    @Test("a member whose bytes do not give the CRC-32 the archive records is refused as damaged")
    func damagedMember() throws {
        let folder = TemporaryFolder()
        let text = Array(String(repeating: "01001;1\n", count: 500).utf8)
        var bytes = try WorkbookWriter.zip([("table.csv", text)])
        let crc = text.withUnsafeBytes { CRC32Checksum.of($0) }
        // The CRC in the local header (offset 14) and in the central directory (offset 16), one bit flipped.
        for (signature, offset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 14), ([0x50, 0x4B, 0x01, 0x02], 16)] {
            let at = try #require(bytes.firstRange(of: signature)).lowerBound + offset
            #expect(bytes[at..<at + 4].elementsEqual((0..<4).map { UInt8((crc >> (8 * UInt32($0))) & 0xFF) }))
            bytes[at] ^= 0x01
        }
        let damaged = folder.write("abime.zip", bytes: bytes)
        #expect(inputError { _ = try TextTable(path: damaged, in: .zipMember("table.csv")) }?.message
                == "member 'table.csv' is damaged: its bytes' CRC-32 is \(String(format: "%08X", crc)), "
                + "not the \(String(format: "%08X", crc ^ 1)) the archive records")
    }
}
