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
    let context: GEOSContext

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

    /// The intersection of two geometries' surfaces; nil when they share no area.
    public func intersection(_ a: Geometry, _ b: Geometry) throws -> Geometry? {
        let ga = try GEOSGeometry(a, in: context), gb = try GEOSGeometry(b, in: context)
        return try GEOSGeometry(taking: GEOSIntersection_r(context.handle, ga.pointer, gb.pointer), in: context, operation: "computing an intersection").value()
    }
}
