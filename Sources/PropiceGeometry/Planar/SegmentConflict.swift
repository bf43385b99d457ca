/// Two segments that meet where a valid coverage does not let them: anywhere but at an end
/// they share, or along a stretch of their common line.
struct SegmentConflict: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// The segments cross at a point inside both.
        case crossing
        /// An end of one lies on the other (within the tolerance), which does not end there.
        case touching
        /// The segments run along the same line for a length.
        case overlapping
    }

    var first: Int
    var second: Int
    var kind: Kind
    /// Where they meet.
    var location: Position

    /// How two segments meet, nil when they do not or only at an end they share.
    /// `tolerance` widens touching to ends within that distance of the other segment.
    static func between(_ s: Segment, _ t: Segment, tolerance: Double) -> (Kind, Position)? {
        let d1 = t.side(of: s.a), d2 = t.side(of: s.b), d3 = s.side(of: t.a), d4 = s.side(of: t.b)
        if d1 == 0, d2 == 0, d3 == 0, d4 == 0 { return collinear(s, t) }
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
            let r = d3 / (d3 - d4)
            return (.crossing, Position(x: t.a.x + r * (t.b.x - t.a.x), y: t.a.y + r * (t.b.y - t.a.y)))
        }
        // An end lying on the other segment, exactly or within the tolerance.
        for (p, other, onLine) in [(s.a, t, d1 == 0), (s.b, t, d2 == 0), (t.a, s, d3 == 0), (t.b, s, d4 == 0)] {
            if p == other.a || p == other.b { continue }
            if onLine ? other.strictlyContainsCollinear(p) : (tolerance > 0 && other.distance(to: p) <= tolerance) {
                return (.touching, p)
            }
        }
        return nil
    }

    /// Two segments on one line: overlapping when they share more than a point.
    private static func collinear(_ s: Segment, _ t: Segment) -> (Kind, Position)? {
        let alongX = abs(s.b.x - s.a.x) + abs(t.b.x - t.a.x) >= abs(s.b.y - s.a.y) + abs(t.b.y - t.a.y)
        func key(_ p: Position) -> Double { alongX ? p.x : p.y }
        let low = max(min(key(s.a), key(s.b)), min(key(t.a), key(t.b)))
        let high = min(max(key(s.a), key(s.b)), max(key(t.a), key(t.b)))
        guard high > low else { return nil }
        let inside = [s.a, s.b, t.a, t.b].first { key($0) >= low && key($0) <= high }!
        return (.overlapping, inside)
    }
}
