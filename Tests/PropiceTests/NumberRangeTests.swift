import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// Numbers where they enter from tables: a workbook's cells as a delimited file's, counts never
/// below zero unless the indicator is signed, no figure past the largest double.
@Suite("Numbers in range, from tables")
struct NumberRangeTests {
    static func sheetSource(_ extra: String = "") -> String {
        """
        id: soldes
        title: Soldes
        producer: essai
        vintage: "2021"
        path: soldes.xlsx
        sheet: Données
        level: commune
        key: code
        indicators:
          - {id: solde, column: solde, unit: habitants\(extra)}

        """
    }

    static func workbook(_ value: String) throws -> [UInt8] {
        try HandMadeWorkbook.bytes("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1" t="inlineStr"><is><t>solde</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>01001</t></is></c><c r="B2"><v>\(value)</v></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>01003</t></is></c><c r="B3"><v>4</v></c></row>
            """)
    }

    @Test("a sheet's cell below zero, or past the largest double, is an error naming the cell", arguments: [
        ("-12", "", "sheet 'Données', cell B2: '-12' is below zero, and the indicator solde is not declared signed (signed: true)"),
        ("1E+400", "", "sheet 'Données', cell B2: '1E+400' is out of range: larger than any figure can be (about 1.8e308)"),
        ("1E+400", ", signed: true", "sheet 'Données', cell B2: '1E+400' is out of range: larger than any figure can be (about 1.8e308)"),
    ])
    func sheetCells(value: String, extra: String, message: String) throws {
        let project = MiniProject()
        project.folder.write("soldes.xlsx", bytes: try Self.workbook(value))
        project.folder.write("sources/soldes.yaml", Self.sheetSource(extra))
        let error = inputError { _ = try project.inputs() }
        #expect(error?.description == "\(project.folder.file("soldes.xlsx")): \(message)")
    }

    @Test("a signed indicator keeps its negative figures, summed per EPCI")
    func signed() throws {
        let project = MiniProject()
        project.folder.write("soldes.xlsx", bytes: try Self.workbook("-12"))
        project.folder.write("sources/soldes.yaml", Self.sheetSource(", signed: true"))
        let aggregates = try project.inputs().aggregated()
        #expect(aggregates["solde", epci: EPCICode("200000001")!]?.value == -12)
        #expect(aggregates["solde", epci: EPCICode("200000002")!]?.value == 4)
    }

    @Test("a category standing for a negative figure needs a signed indicator")
    func negativeCategory() throws {
        let project = MiniProject()
        project.addSource("zone", table: "code;zone\n01001;A\n01003;C\n", yaml: """
            id: zone
            title: Zone
            producer: essai
            vintage: "2024"
            path: zone.csv
            level: commune
            key: code
            indicators:
              - {id: zone, column: zone, unit: points, categories: {A: 1, C: -1}}

            """)
        let error = inputError { _ = try project.inputs() }
        #expect(error?.description == "\(project.folder.file("sources/zone.yaml")): line 9, column 56: indicators[0].categories: indicator zone: the category 'C' stands for -1.0, below zero, and the indicator is not declared signed (signed: true)")
    }
}
