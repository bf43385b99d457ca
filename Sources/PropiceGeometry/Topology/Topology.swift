/// A polygon coverage as arcs: every border between two nodes is stored once, and each face
/// (an input feature) is rings of references to arcs, as in TopoJSON.
///
/// An arc reference `i >= 0` follows arc `i` as stored; `~i` (that is, `-i - 1`) follows it
/// backwards. A border shared by two neighbours is one arc that both reference, so any later
/// change to it (simplification, rounding) is the same for both.
public struct Topology: Sendable {
    /// Every arc's positions, one arc after the other.
    public private(set) var positions: [Position]
    /// Arc `i` is `positions[arcStarts[i]..<arcStarts[i + 1]]`.
    private(set) var arcStarts: [Int]
    /// One face per input geometry, in input order.
    public private(set) var faces: [TopologyFace]
    /// The distinct positions, and for each of `positions` its index among them, when known:
    /// work done once per position (reprojecting, say) is then done once per distinct one.
    private(set) var distinct: (points: [Position], index: [Int32])?

    /// The topology of a coverage: geometries in a metric CRS whose neighbours share their
    /// border vertices exactly. Nil geometries give empty faces. Rings are stored oriented,
    /// exteriors counter-clockwise and holes clockwise, so that every face lies to the left of
    /// its arcs and two neighbours follow their shared arc in opposite directions.
    ///
    /// With `snap`, vertices within that distance of one met before are first merged onto it.
    public init(coverage geometries: [Geometry?], snap: Double? = nil) {
        let snapped = snap.map { VertexSnapping.snap(geometries, tolerance: $0) } ?? geometries
        // Most positions of a coverage are written twice, once by each side of a border.
        var builder = TopologyBuilder(expectedPositions: snapped.reduce(0) { $0 + ($1?.positionCount ?? 0) } / 2)
        for geometry in snapped { builder.add(geometry) }
        self = builder.build()
    }

    init(positions: [Position], arcStarts: [Int], faces: [TopologyFace], distinct: (points: [Position], index: [Int32])? = nil) {
        self.positions = positions
        self.arcStarts = arcStarts
        self.faces = faces
        self.distinct = distinct
    }

    public var arcCount: Int { arcStarts.count - 1 }

    /// The positions of arc `index`, from its first node to its last.
    public func arc(_ index: Int) -> ArraySlice<Position> {
        positions[arcStarts[index]..<arcStarts[index + 1]]
    }

    /// The indices in `positions` of arc `index`.
    func arcRange(_ index: Int) -> Range<Int> { arcStarts[index]..<arcStarts[index + 1] }

    /// The arc that `positions[vertex]` belongs to.
    func arcIndex(ofVertex vertex: Int) -> Int {
        var low = 0, high = arcStarts.count - 2
        while low < high { // the last arc starting at or before the vertex
            let middle = (low + high + 1) / 2
            if arcStarts[middle] <= vertex { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Whether `positions[vertex]` is the first or last of its arc.
    func isArcEnd(_ vertex: Int) -> Bool {
        let arc = arcIndex(ofVertex: vertex)
        return arcStarts[arc] == vertex || arcStarts[arc + 1] == vertex + 1
    }

    /// The index of the arc a reference follows, whichever way.
    @inline(__always) public static func arcIndex(_ reference: Int32) -> Int {
        Int(reference >= 0 ? reference : ~reference)
    }

    /// The closed ring that follows the arc references in order, without repeated positions
    /// (an arc that rounding shrank to a point adds nothing).
    public func ring(_ references: [Int32]) -> Ring {
        let capacity = references.reduce(0) { $0 + arcRange(Self.arcIndex($1)).count }
        // Written in place: at most every vertex of every arc, each position unless it repeats the last.
        let ring = [Position](unsafeUninitializedCapacity: capacity) { ring, count in
            positions.withUnsafeBufferPointer { positions in
                var n = 0
                func add(_ p: Position) {
                    guard n == 0 || p != ring[n - 1] else { return }
                    ring.initializeElement(at: n, to: p)
                    n += 1
                }
                for reference in references {
                    let range = arcRange(Self.arcIndex(reference))
                    if reference >= 0 { for k in range { add(positions[k]) } } else { for k in range.reversed() { add(positions[k]) } }
                }
                count = n
            }
        }
        return Ring(positions: ring)
    }

    /// Whether the ring of the references, as `ring(_:)` builds it, has at least four positions
    /// (three distinct and the closing one); counts without building it.
    func ringHasFourPositions(_ references: [Int32]) -> Bool {
        var count = 0
        var last: Position?
        for reference in references {
            let range = arcRange(Self.arcIndex(reference))
            for k in range.indices {
                let p = positions[reference >= 0 ? k : range.upperBound - 1 - (k - range.lowerBound)]
                if p != last {
                    count += 1
                    if count == 4 { return true }
                    last = p
                }
            }
        }
        return false
    }

    /// The geometry of face `index`, rebuilt from its arcs; nil for a face without geometry.
    public func geometry(of index: Int) -> Geometry? {
        geometry(of: faces[index])
    }

    /// The geometry of a face (of this topology, or dissolved from it), rebuilt from its arcs.
    public func geometry(of face: TopologyFace) -> Geometry? {
        let polygons = face.polygons.map { rings in
            Polygon(exterior: ring(rings[0]), holes: rings.dropFirst().map(ring))
        }
        switch face.kind {
        case .none: return nil
        case .polygon: return .polygon(polygons[0])
        case .multiPolygon: return .multiPolygon(MultiPolygon(polygons: polygons))
        }
    }
}

extension Topology {
    /// The same arcs and faces, every position brought from `source` to `target`.
    public func reprojected(from source: CRS, to target: CRS) throws -> Topology {
        guard source != target else { return self }
        return Topology(positions: try CoordinateTransformer.transform(positions, from: source, to: target), arcStarts: arcStarts, faces: faces)
    }
}

/// One input geometry in a topology: its polygons, each a list of rings (exterior first), each
/// ring a list of arc references.
public struct TopologyFace: Sendable, Equatable {
    /// The type of the input geometry, kept so that rebuilding gives the same type back.
    public enum Kind: Sendable, Equatable { case none, polygon, multiPolygon }

    public var kind: Kind
    public var polygons: [[[Int32]]]
}
