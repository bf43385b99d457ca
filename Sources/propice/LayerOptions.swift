import ArgumentParser
import PropiceGeometry

/// The CRS and format options shared by the commands that write a layer.
struct LayerOptions: ParsableArguments {
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

    var conversionOptions: ConversionOptions {
        ConversionOptions(sourceCRS: sourceCRS?.crs, targetCRS: targetCRS?.crs, precision: precision, layer: layer, boundingBoxes: bbox)
    }
}
