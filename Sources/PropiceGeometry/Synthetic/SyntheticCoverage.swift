/// A synthetic polygon coverage for scale tests: a grid of cells in Lambert-93 whose corners
/// are jittered and whose sides are irregular lines, each stored once and shared exactly by
/// the two cells it separates, as in a real commune coverage.
public struct SyntheticCoverage: Sendable {
    public var polygons: Int
    public var verticesPerPolygon: Int
    /// The side of a cell, in metres.
    public var cellSize: Double
    /// Cells per group (a block of `groupSide` × `groupSide` cells), like communes per EPCI.
    public var groupSide: Int
    public var seed: UInt64

    public init(polygons: Int, verticesPerPolygon: Int, cellSize: Double = 2_000, groupSide: Int = 6, seed: UInt64 = 1) {
        self.polygons = polygons
        self.verticesPerPolygon = verticesPerPolygon
        self.cellSize = cellSize
        self.groupSide = groupSide
        self.seed = seed
    }

    /// The cells, row by row, each with the properties `code` (its number) and `groupe` (its
    /// block's), in Lambert-93. A ring has at least 4 vertices and about `verticesPerPolygon`.
    public func features() -> [Feature] {
        let columns = max(1, Int(Double(polygons).squareRoot().rounded(.up)))
        let rows = (polygons + columns - 1) / columns
        let perSide = max(0, (verticesPerPolygon - 4) / 4)
        var random = SplitMix64(seed: seed)
        let origin = Position(x: 100_000, y: 6_100_000)
        // Corners, jittered by up to 15 % of a cell.
        let corners: [[Position]] = (0...rows).map { j in
            (0...columns).map { i in
                Position(x: origin.x + (Double(i) + random.uniform(-0.15, 0.15)) * cellSize,
                         y: origin.y + (Double(j) + random.uniform(-0.15, 0.15)) * cellSize)
            }
        }
        func side(_ a: Position, _ b: Position) -> [Position] {
            // A random walk across the straight side, tapered to nothing at the corners.
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            var walk = 0.0
            return (0..<(perSide + 2)).map { k in
                guard k > 0, k <= perSide else { return k == 0 ? a : b }
                let t = Double(k) / Double(perSide + 1)
                walk = max(-1, min(1, walk + random.uniform(-0.35, 0.35)))
                let offset = 0.1 * length * walk * Self.taper(t)
                return Position(x: a.x + t * dx - dy / length * offset, y: a.y + t * dy + dx / length * offset)
            }
        }
        let horizontal = (0...rows).map { j in (0..<columns).map { i in side(corners[j][i], corners[j][i + 1]) } }
        let vertical = (0..<rows).map { j in (0...columns).map { i in side(corners[j][i], corners[j + 1][i]) } }
        return (0..<polygons).map { n in
            let i = n % columns, j = n / columns
            // Counter-clockwise: south side east, east side north, north side west, west side south.
            var ring = horizontal[j][i]
            ring += vertical[j][i + 1].dropFirst()
            ring += horizontal[j + 1][i].reversed().dropFirst()
            ring += vertical[j][i].reversed().dropFirst()
            let group = (j / groupSide) * ((columns + groupSide - 1) / groupSide) + i / groupSide
            return Feature(properties: Properties([("code", .string(Self.code(n))), ("groupe", .string(Self.code(group)))]),
                           geometry: .polygon(Polygon(exterior: Ring(positions: ring))))
        }
    }

    /// sin(πt) without Foundation: a parabola close enough to taper the sides.
    private static func taper(_ t: Double) -> Double { 4 * t * (1 - t) }

    /// A number written with at least five digits, like a commune code.
    private static func code(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// Writes the coverage as GeoJSON in Lambert-93, to the centimetre.
    public func write(to path: String) throws {
        guard try GeometryFileFormat(path: path) == .geoJSON else {
            throw OutputError(file: path, message: "synthetic coverages are written as GeoJSON (.geojson or .json)")
        }
        let writer = try GeoJSONWriter(path: path, options: GeoJSONWriterOptions(precision: 2, crs: .lambert93, name: "synth"))
        for feature in features() { try writer.write(feature) }
        try writer.finish()
    }
}

/// Steele, Lea and Flood's SplitMix64: a small, fast, seeded generator, the same on every platform.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in `low..<high`.
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }
}
