import CGEOS

/// A geometry owned by GEOS, destroyed with it; keeps its context alive.
final class GEOSGeometry {
    let context: GEOSContext
    let pointer: OpaquePointer

    /// Takes ownership of a geometry GEOS returned; a null pointer is GEOS's error.
    init(taking pointer: OpaquePointer?, in context: GEOSContext, operation: String) throws {
        guard let pointer else { throw context.error(operation) }
        self.context = context
        self.pointer = pointer
    }

    deinit { GEOSGeom_destroy_r(context.handle, pointer) }

    /// Builds the GEOS geometry of a value.
    convenience init(_ geometry: Geometry, in context: GEOSContext) throws {
        let h = context.handle
        func ring(_ ring: Ring) throws -> OpaquePointer {
            guard !ring.positions.isEmpty else { throw GEOSError(message: "a ring has no position") }
            let sequence = ring.positions.withUnsafeBytes { raw in
                GEOSCoordSeq_copyFromBuffer_r(h, raw.baseAddress!.assumingMemoryBound(to: Double.self), UInt32(ring.positions.count), 0, 0)
            }
            guard let sequence else { throw context.error("building a ring") }
            guard let linearRing = GEOSGeom_createLinearRing_r(h, sequence) else { throw context.error("building a ring") }
            return linearRing
        }
        func polygon(_ polygon: Polygon) throws -> OpaquePointer {
            let shell = try ring(polygon.exterior)
            var holes: [OpaquePointer?] = []
            do {
                for hole in polygon.holes { holes.append(try ring(hole)) }
            } catch {
                GEOSGeom_destroy_r(h, shell)
                holes.forEach { GEOSGeom_destroy_r(h, $0) }
                throw error
            }
            let result = holes.withUnsafeMutableBufferPointer { GEOSGeom_createPolygon_r(h, shell, $0.baseAddress, UInt32($0.count)) }
            guard let result else { throw context.error("building a polygon") }
            return result
        }
        switch geometry {
        case .polygon(let p):
            try self.init(taking: try polygon(p), in: context, operation: "building a polygon")
        case .multiPolygon(let m):
            var parts: [OpaquePointer?] = []
            do {
                for p in m.polygons { parts.append(try polygon(p)) }
            } catch {
                parts.forEach { GEOSGeom_destroy_r(h, $0) }
                throw error
            }
            let multi = parts.withUnsafeMutableBufferPointer {
                GEOSGeom_createCollection_r(h, Int32(GEOS_MULTIPOLYGON.rawValue), $0.baseAddress, UInt32($0.count))
            }
            try self.init(taking: multi, in: context, operation: "building a multipolygon")
        }
    }

    /// The value of a polygonal GEOS geometry: its polygons, with any other parts (lines or
    /// points of a collection) left out. Nil when no polygon remains.
    func value() throws -> Geometry? {
        let h = context.handle
        func ring(_ g: OpaquePointer) throws -> Ring {
            guard let sequence = GEOSGeom_getCoordSeq_r(h, g) else { throw context.error("reading a ring") }
            var size: UInt32 = 0
            GEOSCoordSeq_getSize_r(h, sequence, &size)
            var positions = [Position](repeating: Position(x: 0, y: 0), count: Int(size))
            let ok = positions.withUnsafeMutableBytes { raw in
                GEOSCoordSeq_copyToBuffer_r(h, sequence, raw.baseAddress!.assumingMemoryBound(to: Double.self), 0, 0)
            }
            guard ok != 0 else { throw context.error("reading a ring") }
            return Ring(positions: positions)
        }
        func polygons(_ g: OpaquePointer) throws -> [Polygon] {
            switch GEOSGeomTypeId_r(h, g) {
            case Int32(GEOS_POLYGON.rawValue):
                guard GEOSisEmpty_r(h, g) == 0, let shell = GEOSGetExteriorRing_r(h, g) else { return [] }
                let holes = try (0..<GEOSGetNumInteriorRings_r(h, g)).map { try ring(GEOSGetInteriorRingN_r(h, g, $0)!) }
                return [Polygon(exterior: try ring(shell), holes: holes)]
            case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
                return try (0..<GEOSGetNumGeometries_r(h, g)).flatMap { try polygons(GEOSGetGeometryN_r(h, g, $0)!) }
            default:
                return []
            }
        }
        let parts = try polygons(pointer)
        switch (GEOSGeomTypeId_r(h, pointer), parts.count) {
        case (_, 0): return nil
        case (Int32(GEOS_POLYGON.rawValue), _): return .polygon(parts[0])
        default: return .multiPolygon(MultiPolygon(polygons: parts))
        }
    }
}
