/// Cuts polygons on a zoom level's grid to a rectangle (a tile and its buffer), by
/// Sutherland–Hodgman, one side after the other.
///
/// Where an edge crosses a side, the crossing is computed in integers from the edge's endpoints
/// taken in a fixed order, then rounded to the grid: two neighbours, which follow their shared
/// border in opposite directions, get the same point, so their borders stay identical in every
/// tile. Parts of a ring left along the rectangle's sides are zero-width and lie in the buffer.
public enum TileClipping {
    /// A rectangle of the grid, sides included.
    public struct Box: Sendable, Equatable {
        public var minX: Int, minY: Int, maxX: Int, maxY: Int

        public init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
            self.minX = minX
            self.minY = minY
            self.maxX = maxX
            self.maxY = maxY
        }

        /// Whether the two rectangles share a point.
        func meets(_ other: Box) -> Bool {
            minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
        }

        func contains(_ other: Box) -> Bool {
            minX <= other.minX && other.maxX <= maxX && minY <= other.minY && other.maxY <= maxY
        }

        /// The smallest rectangle holding both.
        public func union(_ other: Box) -> Box {
            Box(minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
        }

        /// The smallest rectangle holding the points (none for no point).
        public static func around(_ points: [TilePoint]) -> Box? {
            guard let first = points.first else { return nil }
            var box = Box(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
            for point in points.dropFirst() {
                box.minX = min(box.minX, point.x)
                box.maxX = max(box.maxX, point.x)
                box.minY = min(box.minY, point.y)
                box.maxY = max(box.maxY, point.y)
            }
            return box
        }
    }

    /// The polygon's part within `box`: nil when its exterior has no area there. Holes that
    /// vanish are left out. `bounds`, the exterior's rectangle, when the caller has it already
    /// (a polygon cut to every tile it meets).
    public static func clip(_ polygon: TilePolygon, bounds: Box? = nil, to box: Box) -> TilePolygon? {
        guard let exterior = polygon.first, let outer = bounds ?? Box.around(exterior),
              let clipped = clip(exterior, bounds: outer, to: box) else { return nil }
        return [clipped] + polygon.dropFirst().compactMap { clip($0, to: box) }
    }

    /// The ring's part within `box`, without repeated points: nil when it has no area there.
    public static func clip(_ ring: TileRing, to box: Box) -> TileRing? {
        Box.around(ring).flatMap { clip(ring, bounds: $0, to: box) }
    }

    /// `clip(_:to:)` given the ring's rectangle.
    private static func clip(_ ring: TileRing, bounds: Box, to box: Box) -> TileRing? {
        guard bounds.meets(box) else { return nil }
        var points = ring
        if !box.contains(bounds) {
            for side in Side.allCases {
                points = clip(points, side: side, box: box)
                if points.isEmpty { return nil }
            }
        }
        points = withoutRepeats(points)
        return points.count >= 3 && points.signedDoubleArea != 0 ? points : nil
    }

    /// A side of the rectangle, and the half-plane it keeps.
    enum Side: CaseIterable { case west, east, north, south }

    private static func clip(_ points: [TilePoint], side: Side, box: Box) -> [TilePoint] {
        func inside(_ p: TilePoint) -> Bool {
            switch side {
            case .west: p.x >= box.minX
            case .east: p.x <= box.maxX
            case .north: p.y >= box.minY
            case .south: p.y <= box.maxY
            }
        }
        var output: [TilePoint] = []
        output.reserveCapacity(points.count + 4)
        guard var previous = points.last else { return [] }
        var previousInside = inside(previous)
        for point in points {
            let pointInside = inside(point)
            if pointInside != previousInside { output.append(crossing(previous, point, side: side, box: box)) }
            if pointInside { output.append(point) }
            previous = point
            previousInside = pointInside
        }
        return output
    }

    /// Where the edge from `p` to `q`, one on each side of `side`'s line, crosses it: computed
    /// from the endpoints in lexicographic order, whichever way the edge runs, and rounded
    /// half away from zero.
    static func crossing(_ p: TilePoint, _ q: TilePoint, side: Side, box: Box) -> TilePoint {
        let (a, b) = (p.x, p.y) < (q.x, q.y) ? (p, q) : (q, p)
        switch side {
        case .west, .east:
            let x = side == .west ? box.minX : box.maxX
            return TilePoint(x: x, y: a.y + roundedQuotient((b.y - a.y) * (x - a.x), b.x - a.x))
        case .north, .south:
            let y = side == .north ? box.minY : box.maxY
            return TilePoint(x: a.x + roundedQuotient((b.x - a.x) * (y - a.y), b.y - a.y), y: y)
        }
    }

    /// `numerator / denominator` rounded half away from zero.
    static func roundedQuotient(_ numerator: Int, _ denominator: Int) -> Int {
        let (n, d) = denominator < 0 ? (-numerator, -denominator) : (numerator, denominator)
        return n >= 0 ? (2 * n + d) / (2 * d) : -((-2 * n + d) / (2 * d))
    }

    /// The ring without consecutive repeated points (its last compared with its first too).
    static func withoutRepeats(_ points: [TilePoint]) -> [TilePoint] {
        var result: [TilePoint] = []
        result.reserveCapacity(points.count)
        for point in points where point != result.last { result.append(point) }
        while result.count > 1, result.first == result.last { result.removeLast() }
        return result
    }
}
