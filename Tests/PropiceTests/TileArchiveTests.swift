import Foundation
@testable import Propice
import PropiceGeometry
import PropiceTestSupport
import Testing

@Suite("The vector tiles of a build (propice.pmtiles)")
struct TileArchiveTests {
    /// `configuration` loaded, with only the formats given.
    func configured(_ configuration: String, formats: [BuildSettings.Format]) throws -> ProjectConfiguration {
        var loaded = try ProjectConfiguration.load(path: configuration)
        loaded.build.formats = formats
        return loaded
    }

    /// A build of `configuration` with only the formats given, into `folder`, on a thread of its
    /// own (not one of the pool's, which the server's tests need).
    func build(_ configuration: String, formats: [BuildSettings.Format], into folder: String) async throws {
        let loaded = try configured(configuration, formats: formats)
        _ = try await onOwnThread { try ProjectBuild.run(configuration: loaded, output: folder).folder }
    }

    @Test("Occitanie's tiles, read by PyPI's pmtiles and mapbox-vector-tile: every tile decodes; from zoom 0 to 12 the EPCI and the départements, and the communes where tiled, form clean coverages")
    func occitanieReadBackIndependently() async throws {
        _ = try Geodata.path("cog2025/communes-metro.l93.geojson")
        let folder = TemporaryFolder()
        try await build(Geodata.packageRoot + "/geodata/occitanie.yaml", formats: [.geojson, .tiles], into: folder.file("built"))
        guard system("python3 -c 'import pmtiles, mapbox_vector_tile, shapely' 2>/dev/null") == 0 else {
            if Geodata.isUnderCI { Issue.record("python3 with pmtiles, mapbox-vector-tile and shapely is missing: CI installs them") }
            return
        }
        let all = (0...12).map(String.init).joined(separator: " ")
        let checks = [("epci_iml", "--geojson \(folder.file("built/epci_iml_100m.geojson")) --zooms \(all)", 164),
                      ("epci_residences_sociales", "--geojson \(folder.file("built/epci_residences_sociales_100m.geojson")) --zooms 4 8 12", 164),
                      ("departements", "--id-property code_departement --zooms \(all)", 13),
                      ("communes", "--id-property code_commune --zooms 6 8 10 11 12", 4508)]
        for (layer, options, features) in checks {
            let status = system("python3 \(Geodata.packageRoot)/scripts/check_tiles.py \(folder.file("built/propice.pmtiles")) --layer \(layer) "
                                + "\(options) >\(folder.file("check.txt")) 2>&1")
            let report = String(decoding: folder.read("check.txt"), as: UTF8.self)
            #expect(status == 0, "\(report)")
            #expect(report.contains("zoom 12: \(features) features of \(layer), 0 overlaps, 0 gaps, 0 with invalid edges"), "\(report)")
        }
    }

    @Test("the same build gives the same archive, byte for byte, and its metadata names every layer, field and source")
    func deterministicWithMetadata() async throws {
        let folder = TemporaryFolder()
        let demo = Geodata.packageRoot + "/geodata/demo.yaml"
        try await build(demo, formats: [.tiles], into: folder.file("one"))
        try await build(demo, formats: [.tiles], into: folder.file("two"))
        let one = folder.read("one/propice.pmtiles")
        #expect(one.count > 1000)
        #expect(one == folder.read("two/propice.pmtiles"))
        #expect(Array(one.prefix(7)) == Array("PMTiles".utf8))
        // The metadata is gzip-compressed: read back with gzip itself.
        func u64(_ at: Int) -> Int { Int((0..<8).reduce(UInt64(0)) { $0 | UInt64(one[at + $1]) << (8 * $1) }) }
        let compressed = folder.write("metadata.json.gz", bytes: Array(one[u64(24)..<(u64(24) + u64(32))]))
        #expect(system("gzip -dc \(compressed) >\(folder.file("metadata.json"))") == 0)
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data(folder.read("metadata.json"))) as? [String: Any])
        let layers = try #require(metadata["vector_layers"] as? [[String: Any]])
        #expect(layers.compactMap { $0["id"] as? String } == ["epci_iml", "epci_pensions_de_famille", "epci_residences_sociales", "communes", "departements"])
        let fields = try #require(layers.first?["fields"] as? [String: String])
        #expect(fields["classe"] == "Number" && fields["nom_epci"] == "String" && fields["donnees_synthetiques"] == "Boolean")
        #expect(layers.first { $0["id"] as? String == "communes" }?["minzoom"] as? Int == 6, "the communes from zoom 6")
        let attribution = try #require(metadata["attribution"] as? String)
        #expect(attribution.contains("fictifs"), "the demo's notice is in the attribution: \(attribution)")
    }

    @Test("an attribute that its layer does not have is refused, naming the configuration, and the previous build is kept")
    func unknownAttribute() async throws {
        let folder = TemporaryFolder()
        let demo = Geodata.packageRoot + "/geodata/demo.yaml"
        try await build(demo, formats: [.tiles], into: folder.file("built"))
        let before = folder.read("built/propice.pmtiles")
        var loaded = try configured(demo, formats: [.tiles])
        loaded.build.tiles.attributes.epci = ["code_epci", "scor"]
        let output = folder.file("built"), misnamed = loaded
        let refusal = try await onOwnThread { () -> String? in
            do { _ = try ProjectBuild.run(configuration: misnamed, output: output) } catch { return "\(error)" }
            return nil
        }
        #expect(refusal.map { text in
            text.contains(demo) && text.contains("'scor' is not a property of the layer epci_iml") && text.contains("score")
        } == true, "\(refusal ?? "no error")")
        #expect(folder.read("built/propice.pmtiles") == before)
    }

    @Test("style.json draws each model's classes in the legend's colours, hatches données insuffisantes, shows the first model; the sprite beside it")
    func style() async throws {
        let folder = TemporaryFolder()
        let demo = Geodata.packageRoot + "/geodata/demo.yaml"
        try await build(demo, formats: [.tiles], into: folder.file("built"))
        let style = try #require(try JSONSerialization.jsonObject(with: Data(folder.read("built/style.json"))) as? [String: Any])
        let legend = try JSONDecoder().decode(Legend.self, from: Data(folder.read("built/legend.json")))
        #expect(style["version"] as? Int == 8 && style["sprite"] as? String == "sprite")
        let source = try #require((style["sources"] as? [String: Any])?["propice"] as? [String: Any])
        #expect(source["type"] as? String == "vector" && source["url"] as? String == "pmtiles://propice.pmtiles")
        #expect((source["attribution"] as? String)?.contains("fictifs") == true, "the notice in the attribution")
        let layers = try #require(style["layers"] as? [[String: Any]])
        func paint(_ id: String) -> [String: Any]? { layers.first { $0["id"] as? String == id }?["paint"] as? [String: Any] }
        func visibility(_ id: String) -> String? { (layers.first { $0["id"] as? String == id }?["layout"] as? [String: Any])?["visibility"] as? String }
        for (m, model) in legend.models.enumerated() {
            let layer = "epci_" + LayerName.identifier(model.model)
            for entry in model.classes {
                #expect(paint("\(layer)/\(entry.classe ?? 0)")?["fill-color"] as? String == entry.colour, "\(layer) class \(entry.classe ?? 0)")
            }
            #expect(paint("\(layer)/donnees_insuffisantes")?["fill-color"] as? String == model.insufficient.colour)
            #expect(paint("\(layer)/donnees_insuffisantes/hachures")?["fill-pattern"] as? String == "hachures")
            #expect(paint("\(layer)/hors_criteres")?["fill-color"] as? String == model.excluded.colour)
            #expect(visibility("\(layer)/1") == (m == 0 ? "visible" : "none"))
        }
        let filter = layers.first { $0["id"] as? String == "epci_iml/2" }?["filter"] as? [Any]
        #expect(filter.map { "\($0)" } == "\(["all", ["==", ["get", "statut"], "note"], ["==", ["get", "classe"], 2]] as [Any])")
        #expect(layers.first { $0["id"] as? String == "communes/contour" }?["minzoom"] as? Int == 8)
        #expect(paint("departements/contour")?["line-width"] as? Double == 2.27, "0.6 mm as CSS pixels")
        for (name, side) in [("sprite", 8), ("sprite@2x", 16)] {
            let png = folder.read("built/\(name).png")
            func u32(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] && u32(16) == side && u32(20) == side && png[25] == 6,
                    "\(name).png: RGBA, \(side) pixels a side")
            let sprite = try #require(try JSONSerialization.jsonObject(with: Data(folder.read("built/\(name).json"))) as? [String: [String: Int]])
            #expect(sprite["hachures"] == ["width": side, "height": side, "x": 0, "y": 0, "pixelRatio": side / 8])
        }

        var published = try configured(demo, formats: [.tiles])
        published.build.tiles.url = "https://cartes.example.fr/propice/"
        let output = folder.file("published"), configuration = published
        _ = try await onOwnThread { try ProjectBuild.run(configuration: configuration, output: output).folder }
        let absolute = try #require(try JSONSerialization.jsonObject(with: Data(folder.read("published/style.json"))) as? [String: Any])
        #expect(absolute["sprite"] as? String == "https://cartes.example.fr/propice/sprite")
        #expect(((absolute["sources"] as? [String: Any])?["propice"] as? [String: Any])?["url"] as? String
                == "pmtiles://https://cartes.example.fr/propice/propice.pmtiles")
    }
}
