import CGEOS

/// Whether a geometry is valid for GEOS and, when it is not, why and where.
public struct ValidityReport: Equatable, Sendable {
    public var isValid: Bool
    /// GEOS's reason, such as "Self-intersection" or "Ring Self-intersection".
    public var reason: String?
    /// Where the problem lies.
    public var location: Position?
}

/// GEOS operations on geometry values, with a GEOS context of their own: use one instance per task.
public final class GeometryOperations {
    private let context: GEOSContext

    public init() throws {
        context = try GEOSContext()
    }

    /// Validity under the OGC rules, with GEOS's reason and location when invalid.
    public func validity(of geometry: Geometry) throws -> ValidityReport {
        let g = try GEOSGeometry(geometry, in: context)
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let result = GEOSisValidDetail_r(context.handle, g.pointer, 0, &reason, &location)
        defer {
            if let reason { GEOSFree_r(context.handle, reason) }
            if let location { GEOSGeom_destroy_r(context.handle, location) }
        }
        switch result {
        case 1: return ValidityReport(isValid: true)
        case 0:
            return ValidityReport(isValid: false, reason: reason.map { String(cString: $0) }, location: location.flatMap(context.position(ofPoint:)))
        default: throw context.error("checking validity")
        }
    }

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

    /// The area, in the square units of the coordinates.
    public func area(of geometry: Geometry) throws -> Double {
        let g = try GEOSGeometry(geometry, in: context)
        var area = 0.0
        guard GEOSArea_r(context.handle, g.pointer, &area) == 1 else { throw context.error("computing an area") }
        return area
    }

    /// A point guaranteed to lie inside the surface, for labels and point-in-polygon joins.
    public func pointOnSurface(of geometry: Geometry) throws -> Position {
        let g = try GEOSGeometry(geometry, in: context)
        let point = try GEOSGeometry(taking: GEOSPointOnSurface_r(context.handle, g.pointer), in: context, operation: "finding a point on the surface")
        guard let position = context.position(ofPoint: point.pointer) else { throw context.error("finding a point on the surface") }
        return position
    }

    /// The union of the geometries (GEOS's cascaded union of all their polygons); nil when empty.
    public func union(_ geometries: [Geometry]) throws -> Geometry? {
        let polygons = geometries.flatMap(\.polygons)
        guard !polygons.isEmpty else { return nil }
        let all = try GEOSGeometry(.multiPolygon(MultiPolygon(polygons: polygons)), in: context)
        return try GEOSGeometry(taking: GEOSUnaryUnion_r(context.handle, all.pointer), in: context, operation: "computing a union").value()
    }

    /// The intersection of two geometries' surfaces; nil when they share no area.
    public func intersection(_ a: Geometry, _ b: Geometry) throws -> Geometry? {
        let ga = try GEOSGeometry(a, in: context), gb = try GEOSGeometry(b, in: context)
        return try GEOSGeometry(taking: GEOSIntersection_r(context.handle, ga.pointer, gb.pointer), in: context, operation: "computing an intersection").value()
    }
}
