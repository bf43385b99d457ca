/// A straight segment between two positions.
struct Segment: Sendable {
    var a: Position
    var b: Position

    var boundingBox: BoundingBox {
        BoundingBox(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y))
    }

    var length: Double { ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot() }

    /// Twice the signed area of the triangle `a, b, p`: positive when `p` is left of `a → b`.
    @inline(__always) func side(of p: Position) -> Double {
        (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
    }

    /// The distance from `p` to the closest point of the segment.
    func distance(to p: Position) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let squared = dx * dx + dy * dy
        let t = squared == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / squared))
        let cx = a.x + t * dx - p.x, cy = a.y + t * dy - p.y
        return (cx * cx + cy * cy).squareRoot()
    }

    /// Whether `p`, known to be on the segment's line, lies strictly between its ends.
    @inline(__always) func strictlyContainsCollinear(_ p: Position) -> Bool {
        p != a && p != b && min(a.x, b.x) <= p.x && p.x <= max(a.x, b.x) && min(a.y, b.y) <= p.y && p.y <= max(a.y, b.y)
    }
}
