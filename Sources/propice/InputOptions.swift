import ArgumentParser
import PropiceGeometry

/// The options that say how to read an input layer.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The input's CRS when the file does not declare one, e.g. EPSG:2154.", valueName: "EPSG:N"))
    var sourceCRS: CRSArgument?

    @Option(help: "The layer to read from a GeoPackage that holds several.")
    var layer: String?
}
