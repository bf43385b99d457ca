/// The geometry of a feature. propice works on surfaces: polygons and multipolygons.
public enum Geometry: Hashable, Sendable {
    case polygon(Polygon)
    case multiPolygon(MultiPolygon)

    /// The geometry as a multipolygon: a polygon becomes a multipolygon of one.
    public var promotedToMulti: Geometry {
        if case .polygon(let polygon) = self { return .multiPolygon(MultiPolygon(polygons: [polygon])) }
        return self
    }

    /// The polygons of the geometry, one for a Polygon.
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): [p]
        case .multiPolygon(let m): m.polygons
        }
    }

    /// The area, in the square units of the coordinates.
    public var area: Double { polygons.reduce(0) { $0 + $1.area } }

    /// The bounding box of every position.
    public var boundingBox: BoundingBox {
        var box = BoundingBox.empty
        for polygon in polygons { box.include(polygon.exterior.boundingBox) }
        return box
    }

    /// The number of positions, closing positions included.
    public var positionCount: Int {
        polygons.reduce(0) { sum, p in p.holes.reduce(sum + p.exterior.positions.count) { $0 + $1.positions.count } }
    }

    /// Applies `body` to every ring's positions in place, in order.
    public mutating func updateRings(_ body: (inout [Position]) throws -> Void) rethrows {
        // `self` is emptied while its payload is changed, so that the rings are not shared,
        // and changed in place rather than copied.
        switch self {
        case .polygon(var p):
            self = .multiPolygon(MultiPolygon(polygons: []))
            defer { self = .polygon(p) }
            try Self.update(&p, body)
        case .multiPolygon(var m):
            self = .multiPolygon(MultiPolygon(polygons: []))
            defer { self = .multiPolygon(m) }
            for i in m.polygons.indices { try Self.update(&m.polygons[i], body) }
        }
    }

    private static func update(_ polygon: inout Polygon, _ body: (inout [Position]) throws -> Void) rethrows {
        try body(&polygon.exterior.positions)
        for i in polygon.holes.indices { try body(&polygon.holes[i].positions) }
    }

    /// The geometry with every polygon oriented as RFC 7946 asks.
    public var rfc7946Oriented: Geometry {
        switch self {
        case .polygon(let p): .polygon(p.rfc7946Oriented)
        case .multiPolygon(let m): .multiPolygon(MultiPolygon(polygons: m.polygons.map(\.rfc7946Oriented)))
        }
    }
}
