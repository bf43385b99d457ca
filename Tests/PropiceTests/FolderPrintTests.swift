import Foundation
import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `propice print`: a built folder's print maps drawn again from its GeoPackage.
@Suite("propice print")
struct FolderPrintTests {
    let folder = TemporaryFolder()
    let models = ["iml", "pensions-de-famille", "residences-sociales"]

    /// The metadata of the build in `built`, a folder of the test's.
    func metadata(_ built: String) throws -> BuildMetadata {
        try JSONDecoder().decode(BuildMetadata.self, from: Data(folder.read(built + "/metadata.json")))
    }

    /// Writes the GeoPackage of the build in `built` (a folder of the test's) again with the layers the print maps read,
    /// `edit` applied to those of `layer`.
    func rewrite(_ built: String, layer: String, _ edit: (inout [Feature]) -> Void) throws {
        let band = try #require(try metadata(built).bands.last?.name)
        let path = folder.file(built + "/propice.gpkg")
        let layers = try ([LayerName.departements(band: band)] + models.map { LayerName.epci(model: $0, band: band) }).map { name in
            let reader = try GeoPackageReader(path: path, layer: name)
            var features: [Feature] = []
            while let feature = try reader.next() { features.append(feature) }
            if name == layer { edit(&features) }
            return GeoPackageLayer(name: name, crs: try #require(reader.declaredCRS), features: features)
        }
        try GeoPackageWriter.write(layers, to: path, lastChange: "2025-01-01T00:00:00.000Z")
    }

    @Test("drawn alike, the maps are the build's bytes and metadata.json is unchanged; at 150 dpi, the PNG and its checksum change, and nothing else")
    func redrawn() throws {
        _ = try ProjectBuild.run(configuration: try BuildTests.demo(), output: folder.file("a"))
        let built = Dictionary(uniqueKeysWithValues: try FileManager.default.contentsOfDirectory(atPath: folder.file("a/cartes")).map {
            ($0, folder.read("a/cartes/" + $0))
        })
        #expect(built.count == 9)
        let metadataBytes = folder.read("a/metadata.json")

        let drawn = try FolderPrint.run(folder: folder.file("a"))
        #expect(Set(drawn.keys) == Set(built.keys.map { "cartes/" + $0 }), "the build's three formats by default")
        for (name, bytes) in built { #expect(folder.read("a/cartes/" + name) == bytes, "\(name) differs from the build's") }
        #expect(folder.read("a/metadata.json") == metadataBytes)

        let png = try FolderPrint.run(folder: folder.file("a"), formats: [.png], dpi: 150)
        #expect(png.keys.sorted() == models.map { "cartes/\($0).png" })
        let listed = try metadata("a")
        for model in models {
            let bytes = folder.read("a/cartes/\(model).png")
            // 841.89 × 595.28 points at 150 dpi; 5,906 pixels per metre.
            #expect(Array(bytes[16..<24]) == [0, 0, 0x06, 0xDA, 0, 0, 0x04, 0xD8], "1754 × 1240 pixels")
            #expect(bytes.firstRange(of: Array("pHYs".utf8) + [0, 0, 0x17, 0x12, 0, 0, 0x17, 0x12, 1]) != nil, "150 dpi declared")
            #expect(listed.outputs["cartes/\(model).png"] == FileChecksum(of: bytes))
            #expect(folder.read("a/cartes/\(model).pdf") == built["\(model).pdf"])
        }
    }

    @Test("no built folder, no GeoPackage, a damaged legend: an error naming the file, and the folder left as it was")
    func failures() throws {
        #expect { try FolderPrint.run(folder: folder.file("none")) } throws: { error in
            (error as? InputError)?.file == folder.file("none/metadata.json")
        }
        let configuration = try BuildTests.demo()
        var settings = configuration.build
        settings.formats = [.csv, .pdf]
        var withoutGeoPackage = configuration
        withoutGeoPackage.build = settings
        _ = try ProjectBuild.run(configuration: withoutGeoPackage, output: folder.file("b"))
        let before = folder.read("b/cartes/iml.pdf")
        #expect { try FolderPrint.run(folder: folder.file("b")) } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.file == folder.file("b/propice.gpkg") && error.message.contains("add gpkg to build.formats")
        }
        #expect(folder.read("b/cartes/iml.pdf") == before)

        _ = try ProjectBuild.run(configuration: configuration, output: folder.file("c"))
        folder.write("c/legend.json", #"{"modeles": [{"modele": 3}]}"#)
        let metadataBytes = folder.read("c/metadata.json")
        #expect { try FolderPrint.run(folder: folder.file("c")) } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.file == folder.file("c/legend.json") && error.message.hasPrefix("not the legend.json of a propice build: ")
        }
        #expect(folder.read("c/metadata.json") == metadataBytes)
        #expect(!FileManager.default.fileExists(atPath: folder.file("c/.propice-staging-\(getpid())")), "no staging left")

        _ = try ProjectBuild.run(configuration: configuration, output: folder.file("d"))
        let layer = LayerName.epci(model: "iml", band: try #require(try metadata("d").bands.last?.name))
        try rewrite("d", layer: layer) { features in
            features[1].properties["statut"] = .string("note")
            features[1].properties["classe"] = .integer(9)
        }
        #expect { try FolderPrint.run(folder: folder.file("d")) } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.file == folder.file("d/propice.gpkg") && error.message.hasPrefix("layer \(layer), EPCI ")
                && error.message.hasSuffix(": its statut and classe are none of legend.json's classes for iml")
        }
        try rewrite("d", layer: layer) { $0.removeAll() }
        #expect { try FolderPrint.run(folder: folder.file("d")) } throws: { error in
            (error as? InputError)?.message == "the layer \(layer) holds no feature"
        }
    }

    @Test("the command: the files drawn on standard error; bad formats and resolutions are usage errors (64)")
    func command() throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first")
        let output = folder.file("built")
        try #require(PropiceExecutable.run("build --config \(Geodata.packageRoot)/geodata/demo.yaml --output \(output) --quiet").status == 0)
        let svg = PropiceExecutable.run("print --output \(output) --formats svg")
        #expect(svg.status == 0)
        #expect(svg.stderr.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" } == models.map { "cartes/\($0).svg" })
        let twice = PropiceExecutable.run("print --output \(output) --formats svg,svg --quiet")
        #expect(twice.status == 0 && twice.stderr.isEmpty, "a format given twice is drawn once")
        let none = PropiceExecutable.run("print --output \(output) --formats ''")
        #expect(none.status == 64 && none.stderr.contains("--formats takes at least one of pdf, svg and png"))
        let geojson = PropiceExecutable.run("print --output \(output) --formats pdf,geojson")
        #expect(geojson.status == 64 && geojson.stderr.contains("--formats takes pdf, svg and png, not 'geojson'"))
        let dpi = PropiceExecutable.run("print --output \(output) --dpi 1200")
        #expect(dpi.status == 64 && dpi.stderr.contains("--dpi is from 72 to 600, not 1200"))
        let missing = PropiceExecutable.run("print --output \(folder.file("nowhere"))")
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error: \(folder.file("nowhere"))/metadata.json"))
    }
}
