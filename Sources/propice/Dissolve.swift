import ArgumentParser
import PropiceGeometry

/// `propice dissolve`: a coverage grouped by a property or a membership table, through its topology.
struct Dissolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dissolve",
        abstract: "Dissolves a polygon coverage (communes) into groups (EPCI, départements), optionally simplified.",
        discussion: """
            The coverage's shared borders are found as arcs, in a metric CRS (Lambert-93 by \
            default); a group's border is the arcs between it and other groups, so neighbouring \
            groups keep exactly the same border, enclaves become holes and groups in several \
            parts MultiPolygons. Simplification and rounding change each arc once and put back \
            vertices wherever leaving them out would make borders cross: layers dissolved from \
            the same communes with the same options share their borders exactly. Features \
            without a group are left out. CRS and format options are those of `propice convert`.

            Examples:
              propice dissolve communes.geojson epci.geojson --by siren_epci --copy nom_epci --simplify 500
              propice dissolve communes.geojson epci.geojson --membership communes-epci.csv --key DEPCOM --group EPCI
            """
    )

    @Argument(help: "The coverage (.geojson, .json or .gpkg), whose neighbours share their border vertices.")
    var input: String

    @Argument(help: "The output file (.geojson, .json or .gpkg).")
    var output: String

    @Option(help: "The property whose value groups the features, e.g. siren_epci.")
    var by: String?

    @Option(help: ArgumentHelp("A table (CSV, ; , or tab) of each feature's group.", valueName: "CSV"))
    var membership: String?

    @Option(help: ArgumentHelp("The membership table's column of feature codes, e.g. DEPCOM.", valueName: "COLUMN"))
    var key: String?

    @Option(help: ArgumentHelp("The membership table's column of groups, e.g. EPCI or DEP.", valueName: "COLUMN"))
    var group: String?

    @Option(help: ArgumentHelp("The feature property looked up in the key column. Default: the key column's name if the features have it, else insee_com.", valueName: "FIELD"))
    var match: String?

    @Option(help: ArgumentHelp("A property copied from each group's first feature (repeatable).", valueName: "FIELD"))
    var copy: [String] = []

    @Option(help: ArgumentHelp("A numeric property summed over each group (repeatable).", valueName: "FIELD"))
    var sum: [String] = []

    @Option(help: "A group value that groups nothing (repeatable). Default: ZZZZZZZZZ, INSEE's code for communes in no EPCI.")
    var skip: [String] = ["ZZZZZZZZZ"]

    @OptionGroup var topology: TopologyArguments

    @OptionGroup var layerOptions: LayerOptions

    func validate() throws {
        switch (by, membership, key, group) {
        case (_?, nil, nil, nil), (nil, _?, _?, _?): break
        case (_?, _, _, _): throw ValidationError("give --by, or --membership with --key and --group, not both")
        default: throw ValidationError("give --by FIELD, or --membership CSV --key COLUMN --group COLUMN")
        }
    }

    func run() throws {
        let grouping: Grouping
        if let by { grouping = .field(by) } else {
            grouping = .membership(table: membership!, key: key!, group: group!, match: match)
        }
        let report = try runReportingErrors {
            try LayerDissolve.dissolve(input: input, output: output, grouping: grouping,
                                       attributes: GroupAttributes(copied: copy, summed: sum), skipping: Set(skip),
                                       topology: topology.topologyOptions, options: layerOptions.conversionOptions)
        }
        printError("\(output): \(report.featureCount) groups by \(grouping.outputField), \(report.outputFormat.rawValue) in \(report.targetCRS)")
        if let generalisation = report.generalisation { printError("  \(generalisation.summary)") }
    }
}
