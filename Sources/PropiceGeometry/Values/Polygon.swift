/// A polygon: one exterior ring and any number of holes.
public struct Polygon: Hashable, Sendable {
    public var exterior: Ring
    public var holes: [Ring]

    public init(exterior: Ring, holes: [Ring] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// All rings, the exterior first.
    public var rings: [Ring] { [exterior] + holes }

    /// The exterior's area less the holes'.
    public var area: Double { holes.reduce(exterior.area) { $0 - $1.area } }

    /// The polygon with its exterior ring counter-clockwise and its holes clockwise, as RFC 7946 asks.
    public var rfc7946Oriented: Polygon {
        Polygon(exterior: exterior.oriented(counterClockwise: true),
                holes: holes.map { $0.oriented(counterClockwise: false) })
    }
}
