import CGEOS

/// Tests points against one polygon after another in one GEOS context: each polygon is
/// prepared once and let go after its points, so that a stream of polygons costs one context
/// rather than one (and a tree) per polygon. Use one per task.
public final class PolygonCover {
    private let context: GEOSContext

    public init() throws {
        context = try GEOSContext()
    }

    /// Whether the polygon contains each position or has it on its border.
    public func covers(_ polygon: Geometry, _ positions: [Position]) throws -> [Bool] {
        let geometry = try GEOSGeometry(polygon, in: context)
        guard let prepared = GEOSPrepare_r(context.handle, geometry.pointer) else { throw context.error("preparing a polygon") }
        defer { GEOSPreparedGeom_destroy_r(context.handle, prepared) }
        return try positions.map { position in
            let point = try GEOSGeometry(taking: GEOSGeom_createPointFromXY_r(context.handle, position.x, position.y), in: context,
                                         operation: "building a point")
            switch GEOSPreparedCovers_r(context.handle, prepared, point.pointer) {
            case 1: return true
            case 0: return false
            default: throw context.error("testing a point in a polygon")
            }
        }
    }
}
