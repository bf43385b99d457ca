/// Streams the Polygon and MultiPolygon features of a GeoJSON FeatureCollection, one at a
/// time, from a file read in chunks: memory does not grow with the file.
///
/// Reads RFC 7946 files and the legacy `crs` member. Every error names the file, the feature
/// index and the byte offset.
public final class GeoJSONReader: FeatureReader {
    public let path: String
    private var parser: GeoJSONParser
    private var header = GeoJSONParser.Header()
    private var featureIndex = 0
    private var done = false

    /// Opens the file and reads the members before its features.
    public convenience init(path: String) throws {
        try self.init(source: try ByteSource(path: path))
    }

    init(source: ByteSource) throws {
        path = source.path
        parser = GeoJSONParser(scanner: try JSONScanner(source: source))
        try parser.readMembers(&header)
    }

    /// The CRS the file declares with the legacy `crs` member; nil when it declares none,
    /// which RFC 7946 reads as WGS 84 longitude/latitude.
    public var declaredCRS: CRS? { header.crs }

    /// The collection's `name` member, as GDAL writes it.
    public var layerName: String? { header.name }

    /// The next feature, or nil after the last one (once the rest of the file is checked).
    public func next() throws -> Feature? {
        guard !done else { return nil }
        do {
            if try parser.advance(first: featureIndex == 0) {
                let feature = try parser.readFeature()
                featureIndex += 1
                return feature
            }
        } catch var error as InputError {
            done = true
            if case .byteOffset(let offset) = error.location { error.location = .feature(featureIndex, byteOffset: offset) }
            throw error
        }
        done = true
        try parser.readMembers(&header)
        return nil
    }
}
