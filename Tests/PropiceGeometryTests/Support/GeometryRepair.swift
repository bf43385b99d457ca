import CGEOS
@testable import PropiceGeometry

/// GEOS operations only the tests use: repairing a geometry and the union of several, to
/// check the coverages and simplifications the library makes.
extension GeometryOperations {
    /// A valid version of the geometry by GEOS's "structure" method, with collapsed parts
    /// dropped. Nil when nothing of the surface remains.
    public func makeValid(_ geometry: Geometry) throws -> Geometry? {
        let g = try GEOSGeometry(geometry, in: context)
        guard let params = GEOSMakeValidParams_create_r(context.handle) else { throw context.error("making valid") }
        defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
        GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE)
        GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, 0)
        let valid = try GEOSGeometry(taking: GEOSMakeValidWithParams_r(context.handle, g.pointer, params), in: context, operation: "making valid")
        return try valid.value()
    }

    /// The union of the geometries (GEOS's cascaded union of all their polygons); nil when empty.
    public func union(_ geometries: [Geometry]) throws -> Geometry? {
        let polygons = geometries.flatMap(\.polygons)
        guard !polygons.isEmpty else { return nil }
        let all = try GEOSGeometry(.multiPolygon(MultiPolygon(polygons: polygons)), in: context)
        return try GEOSGeometry(taking: GEOSUnaryUnion_r(context.handle, all.pointer), in: context, operation: "computing a union").value()
    }
}
