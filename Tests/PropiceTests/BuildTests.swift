import Foundation
import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// `propice build` on the embedded demo: every layer and file, RFC 7946, shared borders,
/// GDAL, identical bytes, and a failed build that leaves the previous outputs whole.
@Suite("propice build on the demo")
struct BuildTests {
    let folder = TemporaryFolder()

    static func demo() throws -> ProjectConfiguration {
        try ProjectConfiguration.load(path: Geodata.packageRoot + "/geodata/demo.yaml")
    }

    @Test("every layer of every band and model, every format, metadata, legend and records")
    func everyOutput() throws {
        let configuration = try Self.demo()
        let result = try ProjectBuild.run(configuration: configuration, output: folder.file("out"))
        let output = BuiltOutput(folder: folder.file("out"))
        let layers = ["communes", "departements", "epci_iml", "epci_pensions_de_famille", "epci_residences_sociales"]
            .flatMap { layer in ["100m", "500m"].map { "\(layer)_\($0)" } }.sorted()
        let expected = Set(layers.map { $0 + ".geojson" } + ["propice.topojson", "propice.gpkg", "scores.csv", "metadata.json",
                                                               "legend.json", "index.html", "territoires/index.json"]
                           + result.files.keys.filter { $0.hasPrefix("leaflet/") })
        let files = output.files()
        #expect(expected.isSubset(of: Set(files.keys)))
        #expect(files.keys.filter { $0.hasPrefix("territoires/") && $0.hasSuffix(".json") }.count == 13, "one record per EPCI and the index")
        #expect(files.keys.filter { $0.hasPrefix("territoires/") && $0.hasSuffix(".html") }.count == 12, "one sheet per EPCI, with the map")
        #expect(Set(files.keys) == Set(result.files.keys), "what the build says it wrote is what is there")
        #expect(output.stagingFolders().isEmpty, "no staging left")

        for layer in layers where layer.hasPrefix("epci") {
            #expect(try output.checkRFC7946(layer + ".geojson") == 12)
        }
        #expect(try output.checkRFC7946("communes_100m.geojson") == 154)
        #expect(try output.checkRFC7946("departements_500m.geojson") == 2)
        for name in ["epci_iml_100m.geojson", "propice.topojson", "propice.gpkg"] {
            guard let opened = output.ogrinfo(name) else { continue }
            #expect(opened.ok, "ogrinfo \(name): \(opened.output)")
            if name != "epci_iml_100m.geojson" {
                #expect(layers.allSatisfy { opened.output.contains("Layer name: \($0)\n") }, "\(name) holds every layer")
            }
        }
        let epci = try readAll(folder.file("out/epci_iml_100m.geojson"))
        let first = try #require(epci.first)
        #expect(first.id == .string("999000001"))
        for name in ["code_epci", "nom_epci", "nature_epci", "departements", "score", "classe", "classe_libelle", "rang", "percentile",
                     "rang_median", "rang_p05", "rang_p95", "proba_classe_1", "pression_demande", "pression_demande_contribution",
                     "pression_demande_completude", "pression_demande_estime", "pression_demande_synthetique", "fictif"] {
            #expect(first.properties[name] != nil, "property \(name)")
        }
        #expect(epci.filter { $0.properties["statut"] == .string("donnees_insuffisantes") }.count == 1, "the demo's EPCI without demand figures")
    }

    @Test("the layers of a band share every border: EPCI and départements are made of commune vertices")
    func sharedBorders() throws {
        _ = try ProjectBuild.run(configuration: try Self.demo(), output: folder.file("out"))
        func vertices(_ name: String) throws -> Set<[Double]> {
            Set(try readAll(folder.file("out/\(name)")).flatMap { $0.geometry!.polygons.flatMap { ([$0.exterior] + $0.holes).flatMap(\.positions) } }
                .map { [$0.x, $0.y] })
        }
        for band in ["100m", "500m"] {
            let communes = try vertices("communes_\(band).geojson")
            #expect(try vertices("epci_iml_\(band).geojson").isSubset(of: communes))
            #expect(try vertices("departements_\(band).geojson").isSubset(of: communes))
        }
        #expect(try vertices("communes_500m.geojson").count < vertices("communes_100m.geojson").count, "the coarser band has fewer vertices")
    }

    @Test("the TopoJSON's arcs decode to the GeoJSON layers' rings")
    func topoJSONMatchesGeoJSON() throws {
        _ = try ProjectBuild.run(configuration: try Self.demo(), output: folder.file("out"))
        let data = Data(folder.read("out/propice.topojson"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let transform = try #require(root["transform"] as? [String: [Double]])
        let (scale, translate) = (try #require(transform["scale"]), try #require(transform["translate"]))
        let arcs = try #require(root["arcs"] as? [[[Int]]]).map { arc -> [[Double]] in
            var x = 0, y = 0
            return arc.map { delta in
                x += delta[0]
                y += delta[1]
                return [((Double(x) * scale[0] + translate[0]) * 1e6).rounded() / 1e6, ((Double(y) * scale[1] + translate[1]) * 1e6).rounded() / 1e6]
            }
        }
        let objects = try #require(root["objects"] as? [String: [String: Any]])
        let layer = try #require(objects["departements_100m"]?["geometries"] as? [[String: Any]])
        let features = try readAll(folder.file("out/departements_100m.geojson"))
        #expect(layer.count == features.count)
        for (object, feature) in zip(layer, features) {
            #expect(object["id"] as? String == (feature.id.map { if case .string(let s) = $0 { s } else { "" } }))
            let polygons: [[[Int]]] = object["type"] as? String == "Polygon" ? [try #require(object["arcs"] as? [[Int]])]
                : try #require(object["arcs"] as? [[[Int]]])
            let rings = polygons.flatMap { $0 }.map { references -> [[Double]] in
                var ring: [[Double]] = []
                for reference in references {
                    let arc = reference >= 0 ? arcs[reference] : arcs[~reference].reversed()
                    for p in arc where ring.last != p { ring.append(p) }
                }
                return ring
            }
            let expected = feature.geometry!.polygons.flatMap { [$0.exterior] + $0.holes }.map { $0.positions.map { [$0.x, $0.y] } }
            #expect(rings.map { Set($0) } == expected.map { Set($0) })
        }
    }

    @Test("metadata: input checksums as sha256sum computes them, fictional inputs named, outputs listed")
    func metadata() throws {
        _ = try ProjectBuild.run(configuration: try Self.demo(), output: folder.file("out"))
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data(folder.read("out/metadata.json"))) as? [String: Any])
        #expect((metadata["logiciel"] as? [String: String])?["version"] == PropiceVersion.current)
        #expect((metadata["territoire"] as? [String: Any])?["fictif"] as? Bool == true)
        let sources = try #require(metadata["sources"] as? [[String: Any]])
        #expect(sources.count == 18)
        #expect(sources.allSatisfy { $0["synthetique"] as? Bool == true }, "every demo input is fictional")
        #expect((metadata["sources_synthetiques"] as? [String])?.count == 18)
        let sne = try #require(sources.first { $0["id"] as? String == "sne-2024" })
        let control = try #require(sne["controle"] as? [String: Any])
        let path = Geodata.packageRoot + "/geodata/demo/" + (sne["fichier"] as! String)
        let log = folder.file("sha.txt")
        #expect(system("sha256sum '\(path)' > '\(log)'") == 0)
        #expect(String(decoding: folder.read("sha.txt"), as: UTF8.self).hasPrefix(control["sha256"] as! String + " "))
        #expect(control["octets"] as? Int == Int(FileChecksum(of: TemporaryFolder.read(path: path)).bytes))
        #expect(sne["lignes"] as? Int == 147)
        let models = try #require(metadata["modeles"] as? [[String: Any]])
        #expect(models.map { $0["id"] as? String } == ["iml", "pensions-de-famille", "residences-sociales"])
        #expect(models.allSatisfy { ($0["definition"] as? String)?.contains("indicators:") == true })
        let outputs = try #require(metadata["fichiers"] as? [String: [String: Any]])
        #expect(outputs["scores.csv"]?["sha256"] as? String == FileChecksum(of: folder.read("out/scores.csv")).sha256)
        #expect(outputs["metadata.json"] == nil)
        let legend = try #require(try JSONSerialization.jsonObject(with: Data(folder.read("out/legend.json"))) as? [String: Any])
        let iml = try #require((legend["modeles"] as? [[String: Any]])?.first)
        #expect((iml["classes"] as? [[String: Any]])?.map { $0["couleur"] as? String } == ["#253494", "#2c7fb8", "#41b6c4", "#a1dab4", "#ffffcc"])
        #expect((iml["donnees_insuffisantes"] as? [String: Any])?["motif"] as? String == "hachures")
        #expect((iml["donnees_insuffisantes"] as? [String: Any])?["effectif"] as? Int == 1)
    }

    @Test("two builds give the same bytes")
    func deterministic() throws {
        let configuration = try Self.demo()
        _ = try ProjectBuild.run(configuration: configuration, output: folder.file("a"))
        _ = try ProjectBuild.run(configuration: configuration, output: folder.file("b"))
        let a = BuiltOutput(folder: folder.file("a")).files(), b = BuiltOutput(folder: folder.file("b")).files()
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, bytes) in a { #expect(bytes == b[name], "\(name) differs") }
    }

    @Test("a build stopped by a bad source leaves the previous outputs whole; a later one drops what it no longer writes")
    func failedBuild() throws {
        let project = DemoProjectCopy()
        _ = try project.build()
        let before = BuiltOutput(folder: project.output).files()
        let sne = project.folder.file("data/synthetic/sne-demandes-communes-2024.csv")
        let text = String(decoding: TemporaryFolder.read(path: sne), as: UTF8.self)
        project.folder.write("data/synthetic/sne-demandes-communes-2024.csv", text.replacingOccurrences(of: "\n98002;", with: "\n98x02;"))
        let error = inputError { _ = try project.build() }
        #expect(error?.file == sne)
        #expect(BuiltOutput(folder: project.output).files() == before, "the previous outputs are untouched")
        #expect(BuiltOutput(folder: project.output).stagingFolders().isEmpty, "the staging folder is removed")

        project.folder.write("data/synthetic/sne-demandes-communes-2024.csv", text)
        let fewer = project.variant("fewer.yaml", build: "formats: [geojson, csv]")
        _ = try ProjectBuild.run(configuration: try ProjectConfiguration.load(path: fewer))
        let after = BuiltOutput(folder: project.output).files()
        #expect(after["propice.gpkg"] == nil && after["index.html"] == nil && after["propice.topojson"] == nil, "the previous build's other files are gone")
        #expect(after["epci_iml_100m.geojson"] != nil && after["territoires/999000001.json"] != nil)
    }
}
