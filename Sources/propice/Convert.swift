import ArgumentParser
import PropiceGeometry

/// `propice convert`: one polygon layer from one format and CRS to another.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Converts a polygon layer between GeoJSON and GeoPackage, reprojecting it.",
        discussion: """
            The formats follow the extensions: .geojson or .json, .gpkg. The source CRS is the \
            one the file declares (GeoJSON's legacy crs member, the GeoPackage layer's SRS), \
            else --source-crs, else EPSG:4326. GeoJSON is written as RFC 7946 (WGS 84 \
            longitude/latitude, exterior rings counter-clockwise, 6 decimals) unless \
            --target-crs says otherwise. The output is written under a temporary name and \
            renamed: a failed run leaves any previous output untouched.
            """
    )

    @Argument(help: "The input layer (.geojson, .json or .gpkg).")
    var input: String

    @Argument(help: "The output file (.geojson, .json or .gpkg).")
    var output: String

    @Option(help: ArgumentHelp("The input's CRS when the file does not declare one, e.g. EPSG:2154.", valueName: "EPSG:N"))
    var sourceCRS: CRSArgument?

    @Option(help: ArgumentHelp("The output's CRS. Default: EPSG:4326 for GeoJSON, the source CRS for GeoPackage.", valueName: "EPSG:N"))
    var targetCRS: CRSArgument?

    @Option(help: "Decimals of GeoJSON coordinates (0-15). Default: 6 in degrees, 3 in metres.")
    var precision: Int?

    @Option(help: "The layer to read from a GeoPackage that holds several.")
    var layer: String?

    @Flag(help: "Write a bbox member on each feature and on the collection.")
    var bbox = false

    func validate() throws {
        if let precision, !(0...15).contains(precision) {
            throw ValidationError("--precision must be between 0 and 15, not \(precision)")
        }
    }

    func run() throws {
        let options = ConversionOptions(sourceCRS: sourceCRS?.crs, targetCRS: targetCRS?.crs, precision: precision,
                                        layer: layer, boundingBoxes: bbox)
        let report = try runReportingErrors {
            try LayerConversion.convert(input: input, output: output, options: options)
        }
        printError("\(output): \(report.featureCount) features, \(report.sourceCRS) → \(report.targetCRS), \(report.outputFormat.rawValue)")
    }
}
