/// How a GeoJSON file is written.
public struct GeoJSONWriterOptions: Sendable {
    /// Decimals kept in coordinates (0–15).
    public var precision: Int
    /// Whether each feature and the collection get a `bbox` member.
    public var boundingBoxes: Bool
    /// The CRS of the coordinates. Anything but WGS 84 adds the legacy `crs` member, and the
    /// file is then no longer RFC 7946.
    public var crs: CRS
    /// The collection's `name` member, as GDAL writes it.
    public var name: String?

    public init(precision: Int = 6, boundingBoxes: Bool = false, crs: CRS = .wgs84, name: String? = nil) {
        self.precision = precision
        self.boundingBoxes = boundingBoxes
        self.crs = crs
        self.name = name
    }
}
