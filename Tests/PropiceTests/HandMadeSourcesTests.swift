import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Hand-made sources: secrecy, migration and errors")
struct HandMadeSourcesTests {
    static let sne = """
        id: sne
        title: Demande
        producer: essai
        vintage: "2024"
        path: sne.csv
        format: {delimiter: ";", secret: [s], secrecy_threshold: 5}
        level: commune
        key: code
        indicators:
          - {id: demandes, column: demandes, unit: demandes}
          - {id: attributions, column: attributions, unit: attributions}
          - {id: pression, unit: demandes par attribution, aggregate: ratio, numerator: demandes, denominator: attributions}
        """

    @Test("masked counts give bounds from 0 to the threshold − 1, and completeness is the households' share that is known")
    func maskedBounds() throws {
        let project = MiniProject()
        project.addSource("sne", table: "code;demandes;attributions\n01001;10;5\n01002;s;2\n01003;7;s\n01004;s;4\n", yaml: Self.sne)
        let inputs = try project.inputs()
        let sne = try #require(inputs.sources.first { $0.declaration.id == "sne" })
        #expect(sne.report.masked == 3)
        #expect(sne.value("demandes", for: "01002") == CellValue(lower: 0, upper: 4))
        let aggregates = try inputs.aggregated()
        let one = EPCICode("200000001")!, two = EPCICode("200000002")!
        // 10 known (100 households) + one masked cell (300 households).
        #expect(aggregates["demandes", epci: one] == IndicatorAggregate(value: 12, lower: 10, upper: 14, completeness: 0.25, estimated: false))
        #expect(aggregates["demandes", epci: two] == IndicatorAggregate(value: 9, lower: 7, upper: 11, completeness: 200.0 / 600, estimated: false))
        // Σ demandes / Σ attributions from the parts: [10, 14] / 7 over both communes.
        let pressure = try #require(aggregates["pression", epci: one])
        #expect(pressure.value == 12.0 / 7 && pressure.lower == 10.0 / 7 && pressure.upper == 2)
        #expect(pressure.completeness == 0.25)
        #expect(aggregates["menages", epci: two]?.value == 600)
    }

    @Test("counts of a merged commune are summed and the migration reported; a repeated code is an error naming both lines")
    func migrationAndDuplicates() throws {
        let project = MiniProject()
        let yaml = """
            id: rpls
            title: Parc social
            producer: essai
            vintage: "2024"
            path: rpls.csv
            level: commune
            key: code
            cog: 2024
            absent: zero
            indicators:
              - {id: logements, column: logements, unit: logements}
            """
        project.addSource("rpls", table: "code,logements\n1004,4\n01005,3\n01001,8\n", yaml: yaml)
        let inputs = try project.inputs()
        let rpls = try #require(inputs.sources.first { $0.declaration.id == "rpls" })
        #expect(rpls.value("logements", for: "01004") == .known(7))
        #expect(rpls.value("logements", for: "01002") == .known(0))
        #expect(rpls.report.migrated == [CommuneCodeMigration.Migration(from: CommuneCode("01005")!, to: CommuneCode("01004")!)])
        #expect(try inputs.aggregated()["logements", epci: EPCICode("200000002")!]?.value == 7)

        project.addSource("rpls", table: "code,logements\n01004,4\n01001,8\n1004,5\n", yaml: yaml)
        #expect(inputError { _ = try project.inputs() }?.description
                == "\(project.folder.file("rpls.csv")): line 4, column 1: 01004 is repeated: it is already on line 2")
    }

    @Test("a non-numeric cell, a missing column and an unknown code are errors naming file, line and column")
    func errors() throws {
        let project = MiniProject()
        let path = project.folder.file("sne.csv")
        project.addSource("sne", table: "code;demandes;attributions\n01001;10;5\n01002;abc;2\n", yaml: Self.sne)
        #expect(inputError { _ = try project.inputs() }?.description == "\(path): line 3, column 2: 'abc' is not a number")

        project.addSource("sne", table: "code;demandes;attributions\n01001;1,5;5\n", yaml: Self.sne)
        #expect(inputError { _ = try project.inputs() }?.message == "'1,5' is not a number (for a decimal comma, declare `decimal: \",\"`)")

        project.addSource("sne", table: "code;demande;attributions\n01001;10;5\n", yaml: Self.sne)
        #expect(inputError { _ = try project.inputs() }?.description == "\(path): no column 'demandes'; the columns are code, demande, attributions")

        project.addSource("sne", table: "code;demandes;attributions\n01001;10;5\n01099;1;1\n", yaml: Self.sne)
        #expect(inputError { _ = try project.inputs() }?.description == "\(path): line 3, column 1: commune 01099 is not in COG 2025")

        project.addSource("sne", table: "code;demandes;attributions\n01001;10;5\n01099;1;1\n", yaml: Self.sne + "\nunmatched: list\n")
        let sne = try #require(try project.inputs().sources.first { $0.declaration.id == "sne" })
        #expect(sne.report.unmatched == [SourceReport.Unmatched(code: "01099", line: 3)])
    }

    @Test("invalid UTF-8 in a source suggests `encoding: latin-1`; a catalogue entry with a bad rule names its file and field")
    func encodingAndCatalogue() throws {
        let project = MiniProject()
        project.addSource("sne", table: "", yaml: Self.sne, bytes: Array("code;demandes;attributions\n01001;10;5 ".utf8) + [0xE9] + [0x0A])
        #expect(inputError { _ = try project.inputs() }?.message == "byte 0xE9 is not UTF-8: if the file is Latin-1, declare `encoding: latin-1`")

        project.addSource("sne", table: "code;demandes\n", yaml: Self.sne.replacingOccurrences(of: "aggregate: ratio", with: "aggregate: median"))
        let error = inputError { _ = try project.inputs() }
        #expect(error?.file == project.folder.file("sources/sne.yaml"))
        #expect(error?.message == "indicators[2].aggregate: indicator pression: unknown aggregate 'median': use sum, mean, share, ratio, spread or value")

        project.addSource("sne", table: "code;demandes\n", yaml: Self.sne.replacingOccurrences(of: "denominator: attributions", with: "denominator: attribution"))
        #expect(inputError { _ = try project.inputs() }?.message == "indicator 'pression' refers to 'attribution', which no source declares")
        project.addSource("sne", table: "code;demandes\n", yaml: Self.sne.replacingOccurrences(of: "unit: demandes}", with: "unit: demandes, aggregate: spread, key: menages}"))
        #expect(inputError { _ = try project.inputs() }?.message == "indicator 'demandes': a commune source cannot aggregate by spread")
    }

    @Test("points are assigned to the commune polygon that contains them; a point in none is listed, not lost silently")
    func points() throws {
        let project = MiniProject()
        project.folder.write("communes.geojson", """
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}, "features": [
            {"type": "Feature", "properties": {"insee_com": "01001"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[100,0],[100,100],[0,100],[0,0]]]}},
            {"type": "Feature", "properties": {"insee_com": "01003"}, "geometry": {"type": "Polygon", "coordinates": [[[100,0],[200,0],[200,100],[100,100],[100,0]]]}}]}
            """)
        project.folder.write("project.yaml", String(decoding: project.folder.read("project.yaml"), as: UTF8.self) + "communes: communes.geojson\n")
        project.addSource("places", table: "id;x;y;categorie;capacite\n1;10;10;258;12\n2;150;50;258;8\n3;150,5;60;259;30\n4;500;500;258;5\n", yaml: """
            id: places
            title: Établissements
            producer: essai
            vintage: "2024"
            path: places.csv
            format: {delimiter: ";", decimal: ","}
            level: points
            points: {x: x, y: y, crs: "EPSG:2154"}
            indicators:
              - {id: places_pf, column: capacite, where: {categorie: "258"}, unit: places}
              - {id: places_rs, column: capacite, where: {categorie: "259"}, unit: places}
            """)
        let inputs = try project.inputs()
        let places = try #require(inputs.sources.first { $0.declaration.id == "places" })
        #expect(places.report.outside == [SourceReport.Outside(line: 5, position: Position(x: 500, y: 500))])
        let aggregates = try inputs.aggregated()
        #expect(aggregates["places_pf", epci: EPCICode("200000001")!]?.value == 12)
        #expect(aggregates["places_pf", epci: EPCICode("200000002")!]?.value == 8)
        #expect(aggregates["places_rs", epci: EPCICode("200000002")!]?.value == 30)
        #expect(aggregates["places_rs", epci: EPCICode("200000001")!] == IndicatorAggregate(value: 0, lower: 0, upper: 0, completeness: 1, estimated: false))
    }

    @Test("propice validate prints the report and writes the table; on bad input it exits 1 and keeps the previous table")
    func validateCommand() throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first")
        let project = MiniProject()
        project.addSource("sne", table: "code;demandes;attributions\n01001;10;5\n01002;s;2\n01003;7;s\n", yaml: Self.sne)
        let config = project.folder.file("project.yaml"), table = project.folder.file("out/epci.csv"), output = project.folder.file("stdout.txt")
        #expect(system("\(PropiceExecutable.path) validate --config \(config) --table \(table) > \(output) 2>&1") == 0)
        let report = String(decoding: project.folder.read("stdout.txt"), as: UTF8.self)
        #expect(report.contains("rows 3 · matched 3 · migrated 0 · unmatched 0 · masked cells 2"))
        #expect(report.contains("communes studied without a row: 1 of 4: 01004"))
        let csv = String(decoding: project.folder.read("out/epci.csv"), as: UTF8.self)
        #expect(csv.hasPrefix("code_epci,nom_epci,indicateur,valeur,borne_basse,borne_haute,completude,estime\n"))
        #expect(csv.contains("200000001,CC Une,demandes,12,10,14,0.25,non\n"))

        project.addSource("sne", table: "code;demandes;attributions\n01001;x1;5\n", yaml: Self.sne)
        #expect(system("\(PropiceExecutable.path) validate --config \(config) --table \(table) > \(output) 2>&1") >> 8 == 1)
        #expect(String(decoding: project.folder.read("stdout.txt"), as: UTF8.self)
                == "error: \(project.folder.file("sne.csv")): line 2, column 2: 'x1' is not a number\n")
        #expect(String(decoding: project.folder.read("out/epci.csv"), as: UTF8.self) == csv)
    }
}
