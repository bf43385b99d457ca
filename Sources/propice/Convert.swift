import ArgumentParser
import PropiceGeometry

/// `propice convert`: one polygon layer from one format and CRS to another.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Converts a polygon layer between GeoJSON and GeoPackage, reprojecting it.",
        discussion: """
            The formats follow the extensions: .geojson or .json, .gpkg. The source CRS is the \
            one the file declares (GeoJSON's legacy crs member, the GeoPackage layer's SRS), \
            else --source-crs, else EPSG:4326. GeoJSON is written as RFC 7946 (WGS 84 \
            longitude/latitude, exterior rings counter-clockwise, 6 decimals) unless \
            --target-crs says otherwise. The output is written under a temporary name and \
            renamed: a failed run leaves any previous output untouched.

            With --simplify, --keep or --snap the layer goes through its topology, as with \
            `propice dissolve`: each shared border is simplified and rounded once, identically \
            for both neighbours, and vertices are put back wherever leaving them out would make \
            borders cross.
            """
    )

    @Argument(help: "The input layer (.geojson, .json or .gpkg).")
    var input: String

    @Argument(help: "The output file (.geojson, .json or .gpkg).")
    var output: String

    @OptionGroup var topology: TopologyArguments

    @OptionGroup var layerOptions: LayerOptions

    func run() throws {
        let report = try runReportingErrors {
            try LayerConversion.convert(input: input, output: output, options: layerOptions.conversionOptions,
                                        topology: topology.isSet ? topology.topologyOptions : nil)
        }
        printError("\(output): \(report.featureCount) features, \(report.sourceCRS) → \(report.targetCRS), \(report.outputFormat.rawValue)")
        if let generalisation = report.generalisation { printError("  \(generalisation.summary)") }
    }
}
