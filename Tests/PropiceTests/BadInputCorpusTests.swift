import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// The bad-input corpus of `Tests/BadInput`: each case spoils one input of the demo (a table,
/// the commune polygons, a YAML file), then builds over a finished build. The build must stop
/// with the case's exact error, leave every previous output byte for byte, and leave no
/// staging folder behind. One case at a time: 45 demo builds at once would starve the
/// tests that time requests.
@Suite("Bad-input corpus", .serialized)
struct BadInputCorpusTests {
    @Test("the corpus covers every kind of input")
    func corpusCoversEveryKind() {
        let files = Set(BadInputCase.all.map(\.file))
        for input in ["data/communes-epci.csv", "data/passage-communes-historique.csv", "data/communes.l93.geojson",
                      "demo.yaml", "objectifs.yaml"] {
            #expect(files.contains(input), "no case spoils \(input)")
        }
        #expect(files.contains { $0.hasPrefix("sources/") } && files.contains { $0.hasPrefix("models/") })
        #expect(files.filter { $0.hasPrefix("data/") && $0.hasSuffix(".csv") }.count >= 5, "indicator tables of several habits")
        #expect(files.contains { $0.hasSuffix(".xlsx") } && files.contains { $0.hasSuffix(".zip") }, "a workbook and a zip archive")
    }

    @Test("the build stops with the exact error and the previous outputs stay whole", arguments: BadInputCase.all)
    func badInput(_ spoiled: BadInputCase) throws {
        let project = DemoProjectCopy()
        try project.copyFinishedBuild()
        let before = BuiltOutput(folder: project.output).files()
        let path = project.folder.file(spoiled.file)
        switch spoiled.replacedBy {
        case nil:
            let original = TemporaryFolder.read(path: path)
            project.folder.write(spoiled.file, bytes: spoiled.edits.reduce(original) { $1.apply(to: $0) })
        case .fifo?:
            try #require(unlink(path) == 0 && mkfifo(path, 0o600) == 0)
        case .linkToURandom?:
            try #require(unlink(path) == 0 && symlink("/dev/urandom", path) == 0)
        }

        let error = inputError { _ = try project.build() }
        #expect(error?.description == spoiled.error.replacingOccurrences(of: "$PROJECT", with: project.folder.path))
        #expect(BuiltOutput(folder: project.output).files() == before, "the previous outputs are untouched")
        #expect(BuiltOutput(folder: project.output).stagingFolders().isEmpty)
    }
}
