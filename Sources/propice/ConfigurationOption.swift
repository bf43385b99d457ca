import ArgumentParser
import Foundation
import Propice

/// `--config FILE`: the project configuration, the embedded fictional demo when not given.
struct ConfigurationOption: ParsableArguments {
    @Option(help: ArgumentHelp("The project configuration (YAML). Default: the embedded fictional demo.", valueName: "FILE"))
    var config: String?

    /// Runs `body` on the configuration; the embedded demo's files, written to a temporary
    /// folder, are removed after.
    func withConfiguration<T>(_ body: (ProjectConfiguration) throws -> T) throws -> T {
        guard let config else {
            let demo = try EmbeddedDemo.load()
            defer { try? FileManager.default.removeItem(atPath: demo.folder) }
            return try body(demo.configuration)
        }
        return try body(try ProjectConfiguration.load(path: config))
    }
}
