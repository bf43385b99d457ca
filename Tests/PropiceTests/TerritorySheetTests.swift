import Foundation
import Testing
@testable import Propice
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The EPCI's sheets, `territoires/<SIREN>.html`: written with the map page, the same bytes
/// from `propice query --html`, their medians and percentiles from the records, their text escaped.
@Suite("EPCI sheets")
struct TerritorySheetTests {
    let folder = TemporaryFolder()

    func built() throws -> (folder: String, records: [TerritoryRecord]) {
        let output = folder.file("built")
        _ = try ProjectBuild.run(configuration: try ProjectConfiguration.load(path: Geodata.packageRoot + "/geodata/demo.yaml"), output: output)
        let query = try TerritoryQuery(folder: output)
        return (output, try query.index.epci.map { try query.record($0.code).record })
    }

    @Test("a sheet per EPCI, listed in metadata.json, naming it, its programmes, its map, the notice and the models' checksums; query --html writes the same bytes")
    func sheets() throws {
        let (output, records) = try built()
        let metadata = try JSONDecoder().decode(BuildMetadata.self, from: Data(TemporaryFolder.read(path: output + "/metadata.json")))
        let query = try TerritoryQuery(folder: output)
        for record in records {
            let name = "territoires/\(record.code).html"
            #expect(metadata.outputs[name] != nil, "\(name) listed")
            let bytes = TemporaryFolder.read(path: output + "/" + name)
            let html = String(decoding: bytes, as: UTF8.self)
            #expect(html.contains("<h1>\(MapPage.escapeHTML(record.name))</h1>"))
            #expect(html.contains("<svg class=\"situation\""))
            #expect(html.components(separatedBy: "<section class=\"programme\"").count == record.results.count + 1)
            #expect(html.contains("territoire et données entièrement fictifs"))
            #expect(html.contains("@page { size: A4;"))
            for model in metadata.models { #expect(html.contains(String(model.checksum.sha256.prefix(16)))) }
            for target in record.targets { #expect(html.contains(MapPage.escapeHTML(target.label))) }
            #expect(Array(try query.sheet(record).utf8) == bytes, "propice query --html writes \(name)'s bytes")
        }
    }

    @Test("medians of the département and of the EPCI studied, and percentiles, from the records")
    func statistics() throws {
        let (_, records) = try built()
        let statistics = SheetStatistics(records: records)
        let model = records[0].results[0].model, id = records[0].results[0].indicators[0].id
        func values(_ keep: (TerritoryRecord) -> Bool) -> [Double] {
            records.filter(keep).compactMap { $0.results.first { $0.model == model }?.indicators.first { $0.id == id }?.value }.sorted()
        }
        func median(_ v: [Double]) -> Double { v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2 }
        let all = values { _ in true }
        #expect(all.count > 3)
        #expect(statistics.median(model: model, indicator: id) == median(all))
        let departement = records[0].departements[0]
        #expect(statistics.median(model: model, indicator: id, departements: [departement]) == median(values { $0.departements.contains(departement) }))
        func code(of value: Double) -> String? {
            records.first { $0.results.first { $0.model == model }?.indicators.first { $0.id == id }?.value == value }?.code
        }
        #expect(statistics.percentile(model: model, indicator: id, code: try #require(code(of: all.last!))) == 100)
        #expect(statistics.percentile(model: model, indicator: id, code: try #require(code(of: all.first!))) == 0)
        #expect(statistics.median(model: model, indicator: "absent") == nil)
    }

    @Test("names, labels and reasons are escaped; an EPCI without outline gets no map")
    func escaped() throws {
        let (output, records) = try built()
        let metadata = try JSONDecoder().decode(BuildMetadata.self, from: Data(TemporaryFolder.read(path: output + "/metadata.json")))
        var record = records[0]
        record.name = "<script>alert(1)</script> & \"Cie\""
        record.results[0].sentence = "<img src=x onerror=alert(1)>"
        record.results[0].indicators[0].label = "</td><b>"
        let html = TerritorySheet(records: [record], metadata: metadata, shapes: []).html(record, mapPage: nil)
        #expect(!html.contains("<script>alert") && !html.contains("<img src=x") && !html.contains("</td><b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Cie&quot;"))
        #expect(!html.contains("<svg class=\"situation\"") && !html.contains("carte interactive"))
    }
}
