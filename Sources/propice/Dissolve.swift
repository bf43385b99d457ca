import ArgumentParser
import PropiceGeometry

/// `propice dissolve`: a coverage grouped by a property, through its topology.
struct Dissolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Dissolves a polygon coverage (communes) into groups (EPCI) by a property.",
        discussion: """
            The coverage's shared borders are found as arcs, in a metric CRS (Lambert-93 by \
            default); a group's border is the arcs between it and other groups, so neighbouring \
            groups keep exactly the same border, enclaves become holes and groups in several \
            parts MultiPolygons. Features whose property is missing or null are left out. CRS \
            and format options are those of `propice convert`.
            """
    )

    @Argument(help: "The coverage (.geojson, .json or .gpkg), whose neighbours share their border vertices.")
    var input: String

    @Argument(help: "The output file (.geojson, .json or .gpkg).")
    var output: String

    @Option(help: "The property whose value groups the features, e.g. siren_epci.")
    var by: String

    @Option(help: "A value that groups nothing (repeatable). Default: ZZZZZZZZZ, INSEE's code for communes in no EPCI.")
    var skip: [String] = ["ZZZZZZZZZ"]

    @Option(help: ArgumentHelp("The metric CRS the topology is built in.", valueName: "EPSG:N"))
    var workCRS: CRSArgument?

    @OptionGroup var layerOptions: LayerOptions

    func run() throws {
        let report = try runReportingErrors {
            try LayerDissolve.dissolve(input: input, output: output, field: by, skipping: Set(skip), workCRS: workCRS?.crs ?? .lambert93,
                                       options: layerOptions.conversionOptions)
        }
        printError("\(output): \(report.featureCount) groups by \(by), \(report.outputFormat.rawValue) in \(report.targetCRS)")
    }
}
