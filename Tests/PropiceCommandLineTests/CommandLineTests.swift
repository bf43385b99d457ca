import Foundation
import Testing
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The `propice` executable as users run it: exit codes, messages, outputs.
@Suite("propice command line")
struct CommandLineTests {
    let folder = TemporaryFolder()

    @Test("with no configuration, build runs the embedded demo from any folder: the layers of geodata/demo.yaml, the same bytes every run")
    func embeddedDemo() async throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first: \(PropiceExecutable.path)")
        func demoFolders() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.hasPrefix("propice-demo-") })
        }
        let before = try demoFolders()
        let elsewhere = folder.file("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let executable = PropiceExecutable.path, checkoutOutput = folder.file("checkout")
        // Three builds: on a thread of their own, so as not to hold one the server tests answer on.
        let status = try await onOwnThread {
            system("cd \(elsewhere) && \(executable) build --quiet --output demo && \(executable) build --quiet --output again"
                   + " && \(executable) build --quiet --config \(Geodata.packageRoot)/geodata/demo.yaml --output \(checkoutOutput)")
        }
        #expect(status == 0)
        let embedded = BuiltOutput(folder: elsewhere + "/demo").files(), again = BuiltOutput(folder: elsewhere + "/again").files()
        let checkout = BuiltOutput(folder: folder.file("checkout")).files()
        #expect(embedded.count > 30 && embedded == again)
        // Only what carries the polygons' modification time may differ: the GeoPackage's last
        // change, the project's and the print maps' date, and their checksums in the metadata.
        #expect(Set(embedded.keys) == Set(checkout.keys))
        let dated = embedded.keys.filter { embedded[$0] != checkout[$0] }.sorted()
        #expect(dated.allSatisfy { ["metadata.json", "propice.gpkg", "propice.qgz"].contains($0) || $0.hasPrefix("cartes/") }, "\(dated)")
        #expect(embedded["index.html"] == checkout["index.html"] && embedded["scores.csv"] == checkout["scores.csv"])
        #expect(try demoFolders().subtracting(before).isEmpty, "the embedded demo's files are removed after the build")
    }

    @Test("converts a layer and says what it did")
    func convertsDemo() throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first: \(PropiceExecutable.path)")
        let demo = Geodata.packageRoot + "/Tests/Fixtures/enclave-communes.l93.geojson"
        let result = PropiceExecutable.run("convert \(demo) \(folder.file("demo.gpkg"))")
        #expect(result.status == 0)
        #expect(result.stderr == "\(folder.file("demo.gpkg")): 6 features, EPSG:2154 → EPSG:2154, GeoPackage\n")
    }

    @Test("bad input: exit code 1, one line naming file, feature and byte, previous output kept")
    func badInput() throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first: \(PropiceExecutable.path)")
        folder.write("out.geojson", "previous")
        let head = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":"#
        let bad = folder.write("bad.geojson", head + #"{"type":"Point","coordinates":[1,2]}}]}"#)
        let result = PropiceExecutable.run("convert \(bad) \(folder.file("out.geojson"))")
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(bad): feature 0 (byte \(head.utf8.count)): expected a Polygon or MultiPolygon geometry, found a Point\n")
        #expect(String(decoding: folder.read("out.geojson"), as: UTF8.self) == "previous")
        #expect(folder.names() == ["bad.geojson", "out.geojson"])
    }

    @Test("bad usage: exit code 64 with the reason")
    func badUsage() throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first: \(PropiceExecutable.path)")
        let precision = PropiceExecutable.run("convert a.geojson b.geojson --precision 20")
        #expect(precision.status == 64)
        #expect(precision.stderr.contains("--precision must be between 0 and 15, not 20"))
        let crs = PropiceExecutable.run("convert a.geojson b.geojson --source-crs Lambert93")
        #expect(crs.status == 64)
        #expect(crs.stderr.contains("Lambert93"))
    }

    @Test("score: the ranking, an EPCI's explanation, the scores table; bad models and options named")
    func score() throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first: \(PropiceExecutable.path)")
        let project = MiniProject()
        let config = project.folder.file("project.yaml")
        mkdir(project.folder.file("models"), 0o755)
        project.folder.write("models/essai.yaml", ModelYAML.essai("  - {id: menages, weight: 1, direction: higher, high: Beaucoup de ménages, low: Peu de ménages}"))
        let csv = folder.file("scores.csv")
        let explained = PropiceExecutable.run("score --config \(config) --epci 200000002 --csv \(csv)")
        #expect(explained.status == 0, "\(explained.stderr)")
        let rows = String(decoding: folder.read("scores.csv"), as: UTF8.self).split(separator: "\n")
        #expect(rows.count == 3 && rows[0].hasPrefix("modele,code_epci,nom_epci,score,classe"))
        #expect(rows[1].hasPrefix("essai,200000001,CC Une,0,2,bas,2,2,0,1,0,"))
        #expect(rows[2].hasPrefix("essai,200000002,CA Deux,100,1,haut,1,2,100,1,0,1,1,1,1,Beaucoup de ménages : 600\u{A0}ménages."))
        let unknown = PropiceExecutable.run("score --config \(config) --model iml")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: \(project.folder.file("models")): no model 'iml'; the models are essai\n")
        #expect(PropiceExecutable.run("score --config \(config) --epci 2000").stderr.contains("The value '2000' is invalid for '--epci <SIREN>'"))
        project.folder.write("models/essai.yaml", ModelYAML.essai("  - {id: menages, weight: 1, direction: up, high: h, low: l}"))
        let bad = PropiceExecutable.run("score --config \(config)")
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: \(project.folder.file("models/essai.yaml")): line 5, column 41: indicators[0].direction: indicator menages: unknown direction 'up': use higher or lower\n")
    }
}
