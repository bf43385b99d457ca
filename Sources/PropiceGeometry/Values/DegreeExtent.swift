/// Whether every position seen so far could be a longitude and a latitude (within ±180 and
/// ±90): in a file declared in a metric CRS, that means degrees written under the wrong CRS.
public struct DegreeExtent: Sendable {
    public private(set) var positions = 0
    public private(set) var allInDegrees = true

    public init() {}

    public mutating func add(_ position: Position) {
        positions += 1
        if allInDegrees, !(abs(position.x) <= 180 && abs(position.y) <= 90) { allInDegrees = false }
    }

    mutating func add(_ geometry: Geometry) {
        guard allInDegrees else { return }
        for polygon in geometry.polygons {
            for position in polygon.exterior.positions { add(position) }
            for hole in polygon.holes { for position in hole.positions { add(position) } }
        }
    }

    /// An error when `crs` is metric and every position lies within degree bounds.
    public func check(declared crs: CRS?, file: String) throws {
        guard let crs, positions > 0, allInDegrees, try !ProjCatalogue.isGeographic(crs) else { return }
        throw InputError(file: file, message: "the file declares \(crs), a metric CRS, but every coordinate lies within ±180 and ±90: it looks like longitude/latitude (declare EPSG:4326, or reproject it)")
    }
}
