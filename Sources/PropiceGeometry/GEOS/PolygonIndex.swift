import CGEOS

/// Finds the polygons that contain a point: an STRtree over the polygons' envelopes, then
/// prepared-geometry tests on the candidates. Owns a GEOS context: use one per task.
public final class PolygonIndex {
    private let context: GEOSContext
    private let geometries: [GEOSGeometry]
    private let prepared: [OpaquePointer]
    private let tree: OpaquePointer

    /// Indexes the geometries; `containing(_:)` answers with their indices in this array.
    public init(_ polygons: [Geometry]) throws {
        let context = try GEOSContext()
        self.context = context
        geometries = try polygons.map { try GEOSGeometry($0, in: context) }
        var prepared: [OpaquePointer] = []
        for g in geometries {
            guard let p = GEOSPrepare_r(context.handle, g.pointer) else {
                prepared.forEach { GEOSPreparedGeom_destroy_r(context.handle, $0) }
                throw context.error("preparing a polygon")
            }
            prepared.append(p)
        }
        self.prepared = prepared
        guard let tree = GEOSSTRtree_create_r(context.handle, 10) else {
            prepared.forEach { GEOSPreparedGeom_destroy_r(context.handle, $0) }
            throw context.error("creating an STRtree")
        }
        self.tree = tree
        for (i, g) in geometries.enumerated() {
            // The item is the polygon's index, offset by one so that none is a null pointer.
            GEOSSTRtree_insert_r(context.handle, tree, g.pointer, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, tree)
        prepared.forEach { GEOSPreparedGeom_destroy_r(context.handle, $0) }
    }

    /// The indices, ascending, of the polygons that contain the position or have it on their border.
    public func containing(_ position: Position) throws -> [Int] {
        let point = try GEOSGeometry(taking: GEOSGeom_createPointFromXY_r(context.handle, position.x, position.y), in: context, operation: "building a point")
        var candidates: [Int] = []
        withUnsafeMutablePointer(to: &candidates) { list in
            GEOSSTRtree_query_r(context.handle, tree, point.pointer, { item, userData in
                guard let item, let userData else { return }
                userData.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
            }, list)
        }
        var found: [Int] = []
        for i in candidates.sorted() {
            switch GEOSPreparedCovers_r(context.handle, prepared[i], point.pointer) {
            case 1: found.append(i)
            case 0: break
            default: throw context.error("testing a point in a polygon")
            }
        }
        return found
    }
}
