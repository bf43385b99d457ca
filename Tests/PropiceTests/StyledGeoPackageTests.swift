import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// The GeoPackage QGIS opens styled: every layer `MULTIPOLYGON` in the map CRS, its default
/// style in `layer_styles` (QML and SLD, the legend's classes and colours), its columns'
/// French titles in `gpkg_data_columns`.
@Suite("The styled GeoPackage")
struct StyledGeoPackageTests {
    let folder = TemporaryFolder()

    func rows(_ db: SQLiteDatabase, _ sql: String, columns: Int32) throws -> [[String]] {
        let statement = try db.prepare(sql)
        var rows: [[String]] = []
        while try statement.step() {
            rows.append((0..<columns).map { statement.text($0) ?? statement.integer($0).map(String.init) ?? "" })
        }
        return rows
    }

    @Test("MULTIPOLYGON in EPSG:2154, a default QML and SLD style per layer with the legend's classes, French column titles")
    func styled() throws {
        _ = try ProjectBuild.run(configuration: try BuildTests.demo(), output: folder.file("out"))
        let db = try SQLiteDatabase(path: folder.file("out/propice.gpkg"), create: false)
        let geometryColumns = try rows(db, "SELECT table_name, geometry_type_name, srs_id FROM gpkg_geometry_columns", columns: 3)
        #expect(geometryColumns.count == 10)
        #expect(geometryColumns.allSatisfy { $0[1] == "MULTIPOLYGON" && $0[2] == "2154" }, "\(geometryColumns)")

        let styles = try rows(db, "SELECT f_table_name, f_geometry_column, styleQML, styleSLD, useAsDefault FROM layer_styles", columns: 5)
        #expect(Set(styles.map { $0[0] }) == Set(geometryColumns.map { $0[0] }), "one style per layer")
        #expect(styles.allSatisfy { $0[1] == "geom" && $0[4] == "1" })

        let legend = try JSONDecoder().decode(Legend.self, from: Data(folder.read("out/legend.json")))
        for model in legend.models {
            let name = "epci_\(LayerName.identifier(model.model))_500m"
            let style = try #require(styles.first { $0[0] == name })
            let qml = try XMLDocument(xmlString: style[2])
            let categories = try qml.nodes(forXPath: "//renderer-v2/categories/category").compactMap { $0 as? XMLElement }
            let entries = model.classes + [model.insufficient, model.excluded]
            #expect(categories.count == entries.count)
            for (category, entry) in zip(categories, entries) {
                let symbol = try #require(category.attribute(forName: "symbol")?.stringValue)
                let colour = try qml.nodes(forXPath: "//renderer-v2/symbols/symbol[@name='\(symbol)']/layer[1]/prop[@k='color']/@v")
                    .first?.stringValue
                let expected = try #require(RGBColour(hex: entry.colour))
                #expect(colour == expected.qgis, "\(name), \(entry.label)")
                #expect(category.attribute(forName: "label")?.stringValue?.hasSuffix("(\(entry.count))") == true)
                #expect(category.attribute(forName: "value")?.stringValue == entry.classe.map(String.init)
                        ?? (entry == model.insufficient ? "donnees_insuffisantes" : "hors_criteres"))
            }
            let hatched = try qml.nodes(forXPath: "//renderer-v2/symbols/symbol/layer/prop[@k='style'][@v='b_diagonal']")
            #expect(hatched.count == 1, "the hatch of données insuffisantes, once")
            let sld = try XMLDocument(xmlString: style[3])
            let fills = try sld.nodes(forXPath: "//*[local-name()='Rule']/*[local-name()='PolygonSymbolizer'][1]/*[local-name()='Fill']/*[local-name()='SvgParameter']")
                .compactMap(\.stringValue)
            #expect(fills == entries.map(\.colour), "the SLD's rules fill with the legend's colours, in its order")
        }

        let titles = try rows(db, "SELECT column_name, title FROM gpkg_data_columns WHERE table_name = 'epci_iml_500m'", columns: 2)
        let byColumn = Dictionary(titles.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        #expect(byColumn["score"] == "Score" && byColumn["classe"] == "Classe" && byColumn["rang_median"] == "Rang médian")
        #expect(Set(titles.map { $0[1] }).count == titles.count, "titles are unique in a table, as the schema extension requires")
    }
}
