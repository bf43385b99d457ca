import ArgumentParser
import PropiceGeometry

/// The CRS and format options shared by the commands that read and write a layer.
struct LayerOptions: ParsableArguments {
    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("The output's CRS. Default: EPSG:4326 for GeoJSON, the source CRS for GeoPackage.", valueName: "EPSG:N"))
    var targetCRS: CRSArgument?

    @Option(help: "Decimals of GeoJSON coordinates (0-15). Default: 6 in degrees, 3 in metres.")
    var precision: Int?

    @Flag(help: "Write a bbox member on each feature and on the collection.")
    var bbox = false

    func validate() throws {
        if let precision, !(0...15).contains(precision) {
            throw ValidationError("--precision must be between 0 and 15, not \(precision)")
        }
    }

    var conversionOptions: ConversionOptions {
        ConversionOptions(sourceCRS: input.sourceCRS?.crs, targetCRS: targetCRS?.crs, precision: precision, layer: input.layer, boundingBoxes: bbox)
    }
}
