/// A coverage drawn on the tile grid of each zoom level, for vector tiles: at every level its
/// arcs are simplified for that level's resolution (the thresholds computed once for all
/// levels) and rounded to the grid, with the crossings rounding made repaired, so that
/// neighbours share their borders exactly in every tile and at every zoom.
public struct TiledCoverage: Sendable {
    public let coverage: CoverageLayers
    private let thresholds: [Double]
    private let method: SimplificationMethod

    public init(_ coverage: CoverageLayers, method: SimplificationMethod = .visvalingam) {
        self.coverage = coverage
        self.method = method
        thresholds = VertexThresholds.compute(coverage.topology, method: method)
    }

    /// The topology on `grid`, simplified with `tolerance` (in the work CRS's units): positions
    /// in the grid's world units; rings smaller than the grid are collapsed, not refused.
    public func topology(on grid: TileGrid, tolerance: Double) throws -> Topology {
        var generalisation = Generalisation(simplification: SimplificationOptions(amount: .tolerance(tolerance), method: method),
                                            outputCRS: (coverage.workCRS, .wgs84), tileGrid: grid)
        generalisation.thresholds = thresholds
        return try coverage.generalised(generalisation).0
    }
}

extension Topology {
    /// Whether each arc is referenced by one face only: the coverage's edge (the sea, a hole).
    public func edgeArcs() -> [Bool] {
        var uses = [UInt8](repeating: 0, count: arcCount)
        for reference in faces.lazy.flatMap({ $0.polygons.joined().joined() }) {
            let arc = Self.arcIndex(reference)
            uses[arc] = uses[arc] &+ 1
        }
        return uses.map { $0 == 1 }
    }

    /// A face's polygons on the grid its positions were rounded to (`TiledCoverage`), without
    /// repeated points; rings left with fewer than three points, or no area, are dropped, and a
    /// polygon whose exterior is dropped goes with its holes. A hole whose arcs are all on the
    /// coverage's edge (`edgeArcs`, a hole in the coverage such as Llívia) is filled when
    /// simplifying left it thinner than two grid units: no circle of radius one fits in it (a
    /// convex ring's inner radius is at most twice its area over its perimeter).
    public func tilePolygons(of face: TopologyFace, edge: [Bool]) -> [TilePolygon] {
        face.polygons.compactMap { rings in
            var polygon: TilePolygon = []
            for (r, references) in rings.enumerated() {
                let points = TileClipping.withoutRepeats(ring(references).positions.map { TilePoint(x: TileGrid.integer($0.x), y: TileGrid.integer($0.y)) })
                guard points.count >= 3, points.signedDoubleArea != 0 else {
                    if r == 0 { return nil }
                    continue
                }
                if r > 0, references.allSatisfy({ edge[Self.arcIndex($0)] }), Double(abs(points.signedDoubleArea)) < points.perimeter { continue }
                polygon.append(points)
            }
            return polygon
        }
    }
}
