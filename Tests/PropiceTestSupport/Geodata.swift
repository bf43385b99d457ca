import Testing
import Propice
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared test data in `../shared/geodata` beside the checkout (or `PROPICE_GEODATA`).
public enum Geodata {
    /// The checkout's root folder, from this file's path.
    public static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/PropiceTestSupport/Geodata.swift
        return parts.joined(separator: "/")
    }()

    /// The folder of the shared files.
    public static let folder: String = {
        if let custom = getenv("PROPICE_GEODATA") { return String(cString: custom) }
        return packageRoot + "/../shared/geodata"
    }()

    /// Whether the tests run under CI (`CI=true`), where absent data is a failure.
    public static var isUnderCI: Bool { getenv("CI").map { String(cString: $0) == "true" } ?? false }

    /// The path of a shared file. When the folder is absent the test is skipped with a
    /// message, except under `CI=true`, where that is a failure.
    public static func path(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let path = folder + "/" + relative
        guard access(path, R_OK) == 0 else {
            let message = Comment(rawValue: "\(path) is absent: this test needs ../shared/geodata beside the checkout")
            if isUnderCI {
                Issue.record(message, sourceLocation: sourceLocation)
                throw GeodataMissing()
            }
            try Test.cancel(message, sourceLocation: sourceLocation)
        }
        return path
    }

    /// Thrown under CI when a shared file is absent.
    public struct GeodataMissing: Error {}

    /// A configuration on the shared files of COG 2025 with the project's catalogue and models,
    /// for one région or for all.
    public static func configuration(region: String?, build: String = "") throws -> ProjectConfiguration {
        let folder = TemporaryFolder()
        let path = folder.write("project.yaml", """
            name: Essai
            \(region.map { "region: \"\($0)\"" } ?? "")
            data: \(Geodata.folder)
            cog: 2025
            membership: cog2025/communes-epci.csv
            history: cog2025/passage-communes-historique.csv
            communes: cog2025/communes-metro.l93.geojson
            sources: \(packageRoot)/geodata/sources
            models: \(packageRoot)/geodata/models
            completeness_weight: menages
            \(build)
            """)
        return try ProjectConfiguration.load(path: path)
    }
}
