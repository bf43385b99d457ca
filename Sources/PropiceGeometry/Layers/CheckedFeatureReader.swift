/// A reader that holds every file's features to what propice works on, whatever the format:
/// a feature without a geometry (`null`, a GeoPackage NULL blob) or with an empty one (a
/// MultiPolygon of no polygon) is an error naming it, and a file declared in a metric CRS
/// whose coordinates are all longitudes and latitudes is an error once its last feature is read.
final class CheckedFeatureReader: FeatureReader {
    private let reader: FeatureReader
    private var index = 0
    private var extent = DegreeExtent()
    /// Whether the file declares a metric CRS, whose coordinates are then watched; asked of
    /// PROJ once, at the first feature (an unknown CRS is told elsewhere).
    private var metric: Bool?

    init(_ reader: FeatureReader) { self.reader = reader }

    var path: String { reader.path }
    var layerName: String? { reader.layerName }
    var declaredCRS: CRS? { reader.declaredCRS }

    func next() throws -> Feature? {
        guard let feature = try reader.next() else {
            try extent.check(declared: declaredCRS, file: path)
            return nil
        }
        defer { index += 1 }
        guard let geometry = feature.geometry else {
            throw InputError(file: path, location: .feature(index, byteOffset: nil),
                             message: "the feature has no geometry (null or empty): propice reads Polygon and MultiPolygon features")
        }
        guard !geometry.polygons.isEmpty else {
            throw InputError(file: path, location: .feature(index, byteOffset: nil), message: "the feature's geometry is empty (a MultiPolygon of no polygon)")
        }
        if metric == nil { metric = declaredCRS.map { (try? !ProjCatalogue.isGeographic($0)) ?? false } ?? false }
        if metric == true { extent.add(geometry) }
        return feature
    }
}
