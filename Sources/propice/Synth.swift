import ArgumentParser
import PropiceGeometry

/// `propice synth`: a synthetic coverage for scale tests.
struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes a synthetic polygon coverage (GeoJSON, Lambert-93) for scale tests.",
        discussion: """
            A grid of cells with jittered corners and irregular sides, each side shared exactly by \
            the two cells it separates. Properties: code (the cell's number) and groupe (its block \
            of 6 × 6 cells), to dissolve by. The same arguments give the same file.

            Example: propice synth --polygons 100000 --vertices-per-polygon 100 synth-10m.geojson
            """
    )

    @Option(help: "The number of polygons.")
    var polygons: Int

    @Option(help: "About how many vertices each polygon's ring has (4 or more).")
    var verticesPerPolygon: Int

    @Option(help: "The seed of the random sides.")
    var seed: UInt64 = 1

    @Argument(help: "The output file (.geojson).")
    var output: String

    func validate() throws {
        if polygons < 1 { throw ValidationError("--polygons must be 1 or more") }
        if verticesPerPolygon < 4 { throw ValidationError("--vertices-per-polygon must be 4 or more") }
    }

    func run() throws {
        let coverage = SyntheticCoverage(polygons: polygons, verticesPerPolygon: verticesPerPolygon, seed: seed)
        try runReportingErrors { try coverage.write(to: output) }
        printError("\(output): \(polygons) polygons of about \(verticesPerPolygon) vertices, EPSG:2154")
    }
}
