import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// The print maps (`cartes/<model>.pdf`, `.svg`, `.png`) and the QGIS project (`propice.qgz`)
/// of the demo's build, and the `build:` settings that ask for them.
@Suite("Print maps and the QGIS project")
struct PrintAndProjectTests {
    let folder = TemporaryFolder()

    /// The demo's configuration with `build` as its build section, in the test's folder.
    func demo(build: String) throws -> ProjectConfiguration {
        let root = Geodata.packageRoot + "/geodata"
        var text = try String(contentsOfFile: root + "/demo.yaml", encoding: .utf8)
        text = String(text[..<text.range(of: "build:")!.lowerBound])
            .replacingOccurrences(of: "data: demo", with: "data: \(root)/demo")
            .replacingOccurrences(of: "sources: sources", with: "sources: \(root)/sources")
            .replacingOccurrences(of: "models: models", with: "models: \(root)/models")
            .replacingOccurrences(of: "targets: objectifs-demo.yaml", with: "targets: \(root)/objectifs-demo.yaml")
        folder.write("demo.yaml", text + "build:\n" + build)
        return try ProjectConfiguration.load(path: folder.file("demo.yaml"))
    }

    @Test("a PDF, an SVG and a 300 dpi A4 PNG per model, and a project with every layer and a layout per programme, the same bytes twice")
    func written() throws {
        let configuration = try BuildTests.demo()
        _ = try ProjectBuild.run(configuration: configuration, output: folder.file("a"))
        _ = try ProjectBuild.run(configuration: configuration, output: folder.file("b"))
        let models = ["iml", "pensions-de-famille", "residences-sociales"]
        for model in models {
            let pdf = folder.read("a/cartes/\(model).pdf")
            #expect(pdf.starts(with: Array("%PDF-".utf8)))
            let png = folder.read("a/cartes/\(model).png")
            #expect(png.count > 24 && Array(png[16..<24]) == [0, 0, 0x0D, 0xB4, 0, 0, 0x09, 0xB0], "3508 × 2480 pixels")
            let svg = try XMLDocument(data: Data(folder.read("a/cartes/\(model).svg")))
            #expect(svg.rootElement()?.name == "svg")
            for name in ["pdf", "svg", "png"] {
                let same = folder.read("a/cartes/\(model).\(name)") == folder.read("b/cartes/\(model).\(name)")
                #expect(same, "\(model).\(name) differs")
            }
        }
        let sameProject = folder.read("a/propice.qgz") == folder.read("b/propice.qgz")
        #expect(sameProject, "the project differs")
        let archive = try ZipArchive(path: folder.file("a/propice.qgz"))
        let project = try XMLDocument(data: Data(try archive.contents(of: "propice.qgs")))
        let layers = try project.nodes(forXPath: "/qgis/projectlayers/maplayer/datasource").compactMap(\.stringValue)
        #expect(layers == ["./propice.gpkg|layername=departements_100m", "./propice.gpkg|layername=epci_iml_100m",
                           "./propice.gpkg|layername=epci_pensions_de_famille_100m", "./propice.gpkg|layername=epci_residences_sociales_100m",
                           "./propice.gpkg|layername=communes_100m"])
        #expect(try project.nodes(forXPath: "/qgis/layer-tree-group/layer-tree-group").count == 3, "a group per programme")
        #expect(try project.nodes(forXPath: "/qgis/layer-tree-group/layer-tree-layer[@checked='Qt::Unchecked']/@id").first?.stringValue
                == "communes_100m", "the communes off")
        let layouts = try project.nodes(forXPath: "/qgis/Layouts/Layout").compactMap { $0 as? XMLElement }
        #expect(layouts.count == 3)
        for layout in layouts {
            let types = try layout.nodes(forXPath: "LayoutItem/@type").compactMap(\.stringValue)
            #expect(Set(types) == ["65639", "65641", "65642", "65646", "65640"], "map, labels, legend, scale bar, north arrow")
            let labels = try layout.nodes(forXPath: "LayoutItem[@type='65641']/@labelText").compactMap(\.stringValue)
            #expect(labels.contains { $0.hasPrefix("Sources : ") } && labels.contains { $0.hasPrefix("Avertissement : territoire et données entièrement fictifs") })
        }
    }

    @Test("a PNG's text is the same whether or not a PDF or an SVG was drawn before it in the process")
    func textWhateverCameFirst() throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first")
        var maps: [String: [UInt8]] = [:]
        for formats in ["gpkg, png", "gpkg, pdf, png", "gpkg, svg, png"] {
            let name = formats.filter(\.isLetter)
            _ = try demo(build: "  formats: [\(formats)]\n")
            // One worker: the pages are drawn in their order, the PNG last.
            let run = PropiceExecutable.run("build --config \(folder.file("demo.yaml")) --output \(folder.file(name)) --quiet",
                                            environment: "PROPICE_THREADS=1")
            try #require(run.status == 0, "\(run.stderr)")
            maps[formats] = folder.read(name + "/cartes/iml.png")
        }
        #expect(Set(maps.values).count == 1, "the PNG differs with the formats drawn before it")
    }

    @Test("build: formats, dpi and map_crs are checked where they are read")
    func settings() throws {
        let configuration = try demo(build: "  formats: [gpkg, png]\n  dpi: 96\n")
        #expect(configuration.build.dpi == 96 && configuration.build.formats == [.gpkg, .png])
        let result = try ProjectBuild.run(configuration: configuration, output: folder.file("out"))
        #expect(Set(result.files.keys.filter { $0.hasPrefix("cartes/") }) == ["cartes/iml.png", "cartes/pensions-de-famille.png", "cartes/residences-sociales.png"])
        let png = folder.read("out/cartes/iml.png")
        #expect(Array(png[16..<24]) == [0, 0, 0x04, 0x63, 0, 0, 0x03, 0x1A], "1,123 × 794 pixels at 96 dpi")
        #expect(inputError { _ = try demo(build: "  dpi: 5000\n") }?.message.contains("from 72 to 600 dots per inch, not 5000") == true)
        #expect(inputError { _ = try demo(build: "  formats: [qgis]\n") }?.message.contains("add gpkg to the formats") == true)
        #expect(inputError { _ = try demo(build: "  formats: [gpkg, pdf, pdf]\n") }?.message.contains("each format once: pdf is listed twice") == true)
        #expect(inputError { _ = try demo(build: "  map_crs: Lambert\n") }?.message.contains("'Lambert' is not a CRS name") == true)
        let geographic = try demo(build: "  formats: [pdf]\n  map_crs: EPSG:4326\n")
        let error = inputError { _ = try ProjectBuild.run(configuration: geographic, output: folder.file("geo")) }
        #expect(error?.message.contains("EPSG:4326 is geographic") == true, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: folder.file("geo/metadata.json")), "nothing written")
    }
}
