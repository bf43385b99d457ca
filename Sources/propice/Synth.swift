import ArgumentParser
import Propice
import PropiceGeometry

/// `propice synth`: a synthetic coverage for scale tests, or the files of the fictional demo.
struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Writes a synthetic polygon coverage (GeoJSON, Lambert-93) for scale tests, or the fictional demo's files.",
        discussion: """
            A grid of cells with jittered corners and irregular sides, each side shared exactly by \
            the two cells it separates. Properties: code (the cell's number) and groupe (its block \
            of 6 × 6 cells), to dissolve by. The same arguments give the same file.

            With --demo, OUTPUT is a folder that receives the embedded demo: a fictional territory \
            (communes, EPCI of every nature, two départements, every name marked fictif), INSEE-style \
            membership and historical-code tables, and one file per source of the catalogue \
            (--sources) in the habits it declares, with invented figures. geodata/demo.yaml builds it.

            Examples: propice synth --polygons 100000 --vertices-per-polygon 100 synth-10m.geojson
                      propice synth --demo geodata/demo
            """
    )

    @Option(help: "The number of polygons.")
    var polygons: Int?

    @Option(help: "About how many vertices each polygon's ring has (4 or more).")
    var verticesPerPolygon: Int?

    @Flag(help: "Write the fictional demo's files into the OUTPUT folder.")
    var demo = false

    @Option(help: ArgumentHelp("The source catalogue the demo's files follow.", valueName: "DIR"))
    var sources = "geodata/sources"

    @Option(help: "The seed of the random sides and figures.")
    var seed: UInt64?

    @Argument(help: "The output file (.geojson), or folder with --demo.")
    var output: String

    func validate() throws {
        if demo {
            if polygons != nil || verticesPerPolygon != nil { throw ValidationError("--demo takes neither --polygons nor --vertices-per-polygon") }
            return
        }
        guard let polygons, let verticesPerPolygon else { throw ValidationError("give --polygons and --vertices-per-polygon, or --demo") }
        if polygons < 1 { throw ValidationError("--polygons must be 1 or more") }
        if verticesPerPolygon < 4 { throw ValidationError("--vertices-per-polygon must be 4 or more") }
    }

    func run() throws {
        guard demo else {
            let coverage = SyntheticCoverage(polygons: polygons!, verticesPerPolygon: verticesPerPolygon!, seed: seed ?? 1)
            try runReportingErrors { try coverage.write(to: output) }
            return printError("\(output): \(polygons!) polygons of about \(verticesPerPolygon!) vertices, EPSG:2154")
        }
        let territory = DemoTerritory(seed: seed ?? 2023)
        let written = try runReportingErrors {
            var files = DemoFiles(territory: territory, catalogue: try SourceCatalogue(folder: sources), seed: seed ?? 2023)
            return try files.write(to: output)
        }
        printError("\(output): \(territory.communes.count) fictional communes in \(territory.epci.count) EPCI, \(written.count) files")
    }
}
