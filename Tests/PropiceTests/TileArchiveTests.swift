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

    @Test("Occitanie's tiles, read by PyPI's pmtiles and mapbox-vector-tile: every tile decodes, the EPCI form a clean coverage at zooms 4, 8 and 12")
    func occitanieReadBackIndependently() async throws {
        _ = try Geodata.path("cog2025/communes-metro.l93.geojson")
        let folder = TemporaryFolder()
        try await build(Geodata.packageRoot + "/geodata/occitanie.yaml", formats: [.geojson, .tiles], into: folder.file("built"))
        guard system("python3 -c 'import pmtiles, mapbox_vector_tile, shapely' 2>/dev/null") == 0 else {
            if Geodata.isUnderCI { Issue.record("python3 with pmtiles, mapbox-vector-tile and shapely is missing: CI installs them") }
            return
        }
        for (layer, geojson) in [("epci_iml", "epci_iml_100m"), ("epci_residences_sociales", "epci_residences_sociales_100m")] {
            let status = system("python3 \(Geodata.packageRoot)/scripts/check_tiles.py \(folder.file("built/propice.pmtiles")) --layer \(layer) "
                                + "--geojson \(folder.file("built/\(geojson).geojson")) --zooms 4 8 12 >\(folder.file("check.txt")) 2>&1")
            let report = String(decoding: folder.read("check.txt"), as: UTF8.self)
            #expect(status == 0, "\(report)")
            #expect(report.contains("zoom 12: 164 features of \(layer), 0 overlaps, 0 gaps, 0 with invalid edges"), "\(report)")
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
}
