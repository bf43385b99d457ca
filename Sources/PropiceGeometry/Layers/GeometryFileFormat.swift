/// The geometry file formats propice reads and writes, told by the file's extension.
public enum GeometryFileFormat: String, Sendable {
    case geoJSON = "GeoJSON"
    case geoPackage = "GeoPackage"

    /// The format of `path` from its extension: `.geojson` or `.json`, `.gpkg`.
    public init(path: String) throws {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.split(separator: ".").count > 1 ? name.split(separator: ".").last!.lowercased() : ""
        switch ext {
        case "geojson", "json": self = .geoJSON
        case "gpkg": self = .geoPackage
        default:
            throw InputError(file: path, message: "unknown format '.\(ext)': use .geojson, .json or .gpkg")
        }
    }
}
