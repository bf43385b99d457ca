import Foundation
@testable import Propice
import PropiceTestSupport

/// A copy of the embedded demo in a temporary folder, every input of it (configuration, data,
/// catalogue, models, targets) at a path of its own that a test may spoil: `demo.yaml`,
/// `data/…`, `sources/…`, `models/…`, `objectifs.yaml`; the build goes to `out/`.
final class DemoProjectCopy {
    let folder = TemporaryFolder()

    init() {
        let root = Geodata.packageRoot + "/geodata"
        for (from, to) in [("demo", "data"), ("sources", "sources"), ("models", "models"), ("objectifs-demo.yaml", "objectifs.yaml")] {
            precondition(system("cp -r '\(root)/\(from)' '\(folder.file(to))'") == 0)
        }
        folder.write("demo.yaml", """
            name: Copie de la démonstration
            fictional: true
            data: data
            cog: 2025
            membership: communes-epci.csv
            history: passage-communes-historique.csv
            communes: communes.l93.geojson
            sources: sources
            models: models
            targets: objectifs.yaml
            completeness_weight: menages
            build:
              output: out
              bands:
                - {name: 100m, tolerance: 100, zoom: [11, 18]}
                - {name: 500m, tolerance: 500, zoom: [0, 10]}

            """)
    }

    var configuration: String { folder.file("demo.yaml") }
    var output: String { folder.file("out") }

    /// A second configuration, `name`, with `setting` added to the `build:` section
    /// (`precision: 5`); returns its path.
    func variant(_ name: String, build setting: String) -> String {
        folder.write(name, String(decoding: folder.read("demo.yaml"), as: UTF8.self)
            .replacingOccurrences(of: "  output: out\n", with: "  output: out\n  \(setting)\n"))
    }

    /// A finished build of an unspoiled copy, made once per test process.
    nonisolated(unsafe) private static let finished: Result<DemoProjectCopy, any Error> = Result {
        let project = DemoProjectCopy()
        _ = try project.build()
        return project
    }

    /// Puts the finished build of an unspoiled copy (the same bytes this copy's would be) in
    /// `out/`, without building again.
    func copyFinishedBuild() throws {
        let source = try Self.finished.get().output
        precondition(system("cp -r '\(source)' '\(output)'") == 0)
    }

    /// Builds the copy as it stands.
    func build() throws -> ProjectBuild.Result {
        try ProjectBuild.run(configuration: try ProjectConfiguration.load(path: configuration))
    }
}
