import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Synthetic coverages")
struct SyntheticCoverageTests {
    let folder = TemporaryFolder()

    @Test("propice synth writes a valid, clean coverage of irregular cells, the same bytes for the same arguments")
    func synth() throws {
        let coverage = SyntheticCoverage(polygons: 150, verticesPerPolygon: 40)
        let features = coverage.features()
        #expect(features.count == 150)
        #expect(features.allSatisfy { abs(($0.geometry?.positionCount ?? 0) - 41) <= 4 })
        let ops = try GeometryOperations()
        #expect(try features.allSatisfy { try ops.validity(of: $0.geometry!).isValid })
        let first = folder.file("a.geojson"), second = folder.file("b.geojson")
        let run = { PropiceExecutable.run($0) }
        #expect(run("synth --polygons 150 --vertices-per-polygon 40 \(first)").status == 0)
        #expect(run("synth --polygons 150 --vertices-per-polygon 40 \(second)").status == 0)
        #expect(folder.read("a.geojson") == folder.read("b.geojson"))
        let report = try LayerCoverageCheck.check(input: first)
        #expect(report.isClean && report.holes.isEmpty)

        // Its groups dissolve and simplify into a clean coverage too.
        let groups = folder.file("groups.geojson")
        let dissolved = try LayerDissolve.dissolve(input: first, output: groups, grouping: .field("groupe"),
                                                   topology: TopologyOptions(simplification: SimplificationOptions(amount: .keep(0.2))))
        #expect(dissolved.featureCount == 6, "13 × 12 cells in blocks of 6 × 6")
        #expect(try LayerCoverageCheck.check(input: groups).isClean)
    }
}
