import Foundation
@testable import Propice
import PropiceTestSupport
import Testing

/// The builds the tests publish, each made once per process: Occitanie on the real files
/// (geodata/occitanie.yaml) and the embedded fictional demo, whose tables differ in rows.
enum BuiltFolders {
    nonisolated(unsafe) private static let root = TemporaryFolder()

    /// geodata/occitanie.yaml built (a failure when ../shared/geodata is absent).
    static let occitanie: Result<String, Error> = Result { try Geodata.path("cog2025/communes-metro.l93.geojson") }
        .flatMap { _ in build("occitanie", configuration: Geodata.packageRoot + "/geodata/occitanie.yaml") }

    /// geodata/demo.yaml built.
    static let demo: Result<String, Error> = build("demo", configuration: Geodata.packageRoot + "/geodata/demo.yaml")

    private static func build(_ name: String, configuration path: String) -> Result<String, Error> {
        Result {
            let output = root.file(name)
            _ = try ProjectBuild.run(configuration: try ProjectConfiguration.load(path: path), output: output)
            return output
        }
    }

    /// A copy of a built folder that a test may spoil.
    static func copy(of folder: String, into destination: TemporaryFolder, as name: String) throws -> String {
        let path = destination.file(name)
        try FileManager.default.copyItem(atPath: folder, toPath: path)
        return path
    }
}
