import Foundation
import Testing
@testable import PropicePostGIS
import PropiceTestSupport

/// `propice build` publishes at its end when the configuration's `build:` names a database.
@Suite("propice build: publish at the end")
struct BuildPublishTests {
    let folder = TemporaryFolder()

    /// geodata/demo.yaml with absolute paths, its output in the test's folder, and `publish`.
    private func configuration(publish: String) throws -> String {
        let root = Geodata.packageRoot + "/geodata/"
        var text = String(decoding: TemporaryFolder.read(path: root + "demo.yaml"), as: UTF8.self)
        for (relative, absolute) in [("data: demo", "data: \(root)demo"), ("sources: sources", "sources: \(root)sources"),
                                     ("models: models", "models: \(root)models"), ("targets: objectifs-demo.yaml", "targets: \(root)objectifs-demo.yaml"),
                                     ("output: ../output/demo", "output: \(folder.file("sortie"))")] {
            try #require(text.contains(relative), "geodata/demo.yaml no longer says \(relative)")
            text = text.replacingOccurrences(of: relative, with: absolute)
        }
        return folder.write("projet.yaml", text + "  publish: " + publish + "\n")
    }

    @Test("build: publish: {to, schema} publishes the folder built; a bad schema name is refused before anything is built")
    func publishAtTheEnd() throws {
        let database = try TestCluster.database()
        let target = try TestCluster.superuser(database)
        let built = PropiceExecutable.run("build --config '\(try configuration(publish: "{to: \"\(target)\", schema: demo}"))'")
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.contains("schema demo now holds build"))
        let connection = try PostgreSQLConnection(target)
        let metadata = try #require(try connection.query("SELECT build FROM demo.metadonnees").first?.first ?? nil)
        #expect(built.stderr.contains(metadata))
        #expect(try connection.query("SELECT count(*) > 0 FROM demo.epci_iml_100m") == [["t"]])

        let refused = PropiceExecutable.run("build --config '\(try configuration(publish: "{schema: Demo}"))' --output '\(folder.file("autre"))'")
        #expect(refused.status == 1 && refused.stderr.contains("projet.yaml") && refused.stderr.contains("schema"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("autre")))
    }
}
