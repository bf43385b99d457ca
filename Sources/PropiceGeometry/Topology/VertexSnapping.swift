/// Merges near-coincident vertices, so that neighbours digitised separately share their borders.
enum VertexSnapping {
    /// The geometries with every vertex within `tolerance` of a vertex met before moved onto
    /// it (each distinct position is snapped once, so equal positions stay equal), repeated
    /// positions dropped, and rings that no longer enclose anything removed.
    static func snap(_ geometries: [Geometry?], tolerance: Double) -> [Geometry?] {
        guard tolerance > 0 else { return geometries }
        var cells: [Cell: [Position]] = [:]
        var snapped: [Position: Position] = [:]
        func snap(_ p: Position) -> Position {
            if let known = snapped[p] { return known }
            let cx = Int((p.x / tolerance).rounded(.down)), cy = Int((p.y / tolerance).rounded(.down))
            var best: Position?, bestDistance = tolerance * tolerance
            for dx in -1...1 {
                for dy in -1...1 {
                    for q in cells[Cell(x: cx + dx, y: cy + dy)] ?? [] {
                        let d = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)
                        if d <= bestDistance { best = q; bestDistance = d }
                    }
                }
            }
            let result = best ?? p
            if best == nil { cells[Cell(x: cx, y: cy), default: []].append(p) }
            snapped[p] = result
            return result
        }
        return geometries.map { geometry in
            guard let geometry else { return nil }
            func snapped(_ ring: Ring) -> Ring? {
                var positions: [Position] = []
                for p in ring.positions.map(snap) where positions.last != p { positions.append(p) }
                let result = Ring(positions: positions)
                return positions.count >= 4 && result.signedDoubleArea != 0 ? result : nil
            }
            let polygons = geometry.polygons.compactMap { polygon in
                snapped(polygon.exterior).map { Polygon(exterior: $0, holes: polygon.holes.compactMap(snapped)) }
            }
            switch (geometry, polygons.count) {
            case (_, 0): return nil
            case (.polygon, 1): return .polygon(polygons[0])
            default: return .multiPolygon(MultiPolygon(polygons: polygons))
            }
        }
    }

    private struct Cell: Hashable { var x: Int; var y: Int }
}
