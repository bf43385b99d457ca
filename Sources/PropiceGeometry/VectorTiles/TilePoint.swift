/// A point on a zoom level's integer grid: in a whole world of `2^z × extent` units a side
/// (x to the east, y to the south), or in one tile's own units.
public struct TilePoint: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A closed ring of grid points, its last point not repeating its first.
public typealias TileRing = [TilePoint]

/// A polygon on the grid: its exterior ring, then its holes.
public typealias TilePolygon = [TileRing]

extension Array where Element == TilePoint {
    /// Twice the signed area by the surveyor's formula, as the vector tile specification
    /// computes it on tile coordinates (y to the south): positive for an exterior ring.
    var signedDoubleArea: Int {
        guard count > 2 else { return 0 }
        var sum = 0
        var previous = self[count - 1]
        for point in self {
            sum += previous.x * point.y - point.x * previous.y
            previous = point
        }
        return sum
    }

    /// The closed ring's length, in grid units.
    var perimeter: Double {
        guard var previous = last else { return 0 }
        var sum = 0.0
        for point in self {
            let dx = Double(point.x - previous.x), dy = Double(point.y - previous.y)
            sum += (dx * dx + dy * dy).squareRoot()
            previous = point
        }
        return sum
    }
}
