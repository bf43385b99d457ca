@testable import Propice
import PropiceTestSupport

extension MiniProject {
    /// Reads and aggregates every source.
    func inputs() throws -> IndicatorInputs {
        try IndicatorInputs(configuration: try ProjectConfiguration.load(path: folder.file("project.yaml")))
    }
}
