/// Finds where a polygon layer is not a clean coverage, from its topology.
///
/// Borders that cross, touch or run along each other are found segment by segment, and two
/// polygons whose borders meet that way are intersected (by GEOS) for the area they share.
/// Gaps, and overlaps between borders that share their vertices, are found by counting: the
/// arcs that two faces follow in opposite directions cancel out, and what is left divides the
/// plane into faces around every area whose count of covering polygons is not that of a clean
/// coverage's inside (one) or outside (zero). That count is the winding number of the arcs
/// left: zero in a gap, two or more in an overlap. (A gap whose borders do not share vertices
/// shows as the unmatched borders around it.)
public enum CoverageCheck {
    /// The distance within which a vertex near another border counts as a T-junction.
    public static let touchTolerance = 0.001

    /// The issues of the coverage whose faces are named by `codes`, sorted by kind and place.
    /// An area in no polygon larger than `maxGapArea` is taken for a real hole (a foreign
    /// enclave such as Llívia) and returned among `holes`, not as a gap.
    public static func issues(in topology: Topology, codes: [String], maxGapArea: Double = .infinity) throws -> (issues: [CoverageIssue], holes: [CoverageIssue]) {
        let arcFaces = FacesOfArcs(topology)
        func codesOf(arcs: [Int]) -> [String] {
            Array(Set(arcs.flatMap { arcFaces[$0].map { codes[$0] } })).sorted()
        }
        let areas = areaIssues(topology, codesOf: codesOf)
        func isHole(_ issue: CoverageIssue) -> Bool { issue.kind == .gap && issue.area! > maxGapArea }
        let (borders, facePairs) = borderIssues(topology, arcFaces: arcFaces, codesOf: codesOf)
        var issues = borders + areas.filter { !isHole($0) }
        let holes = areas.filter(isHole)
        let counted = Set(issues.filter { $0.kind == .overlap }.map(\.codes))
        issues += try overlaps(topology, between: facePairs, codes: codes).filter { !counted.contains($0.codes) }
        return (sorted(issues), sorted(holes))
    }

    private static func sorted(_ issues: [CoverageIssue]) -> [CoverageIssue] {
        issues.sorted {
            let a = CoverageIssue.Kind.allCases.firstIndex(of: $0.kind)!, b = CoverageIssue.Kind.allCases.firstIndex(of: $1.kind)!
            return (a, $0.location.x, $0.location.y) < (b, $1.location.x, $1.location.y)
        }
    }

    /// Crossings, T-junctions and collinear borders, segment by segment, and the pairs of faces
    /// whose borders meet that way.
    private static func borderIssues(_ topology: Topology, arcFaces: FacesOfArcs, codesOf: ([Int]) -> [String]) -> ([CoverageIssue], Set<[Int]>) {
        var segments: [Segment] = [], arcOfSegment: [Int] = []
        for arc in 0..<topology.arcCount {
            let positions = topology.arc(arc)
            for k in positions.startIndex..<(positions.endIndex - 1) {
                segments.append(Segment(a: positions[k], b: positions[k + 1]))
                arcOfSegment.append(arc)
            }
        }
        var pairs = Set<[Int]>()
        let issues = SegmentConflictFinder.conflicts(among: segments, tolerance: touchTolerance).map { conflict in
            let kind: CoverageIssue.Kind = switch conflict.kind {
            case .crossing: .crossing
            case .touching: .tJunction
            case .overlapping: .collinearBorders
            }
            let arcs = [arcOfSegment[conflict.first], arcOfSegment[conflict.second]]
            for a in arcFaces[arcs[0]] { for b in arcFaces[arcs[1]] where a != b { pairs.insert([min(a, b), max(a, b)]) } }
            return CoverageIssue(kind: kind, location: conflict.location, codes: codesOf(arcs))
        }
        return (issues, pairs)
    }

    /// The areas shared by pairs of faces.
    private static func overlaps(_ topology: Topology, between pairs: Set<[Int]>, codes: [String]) throws -> [CoverageIssue] {
        guard !pairs.isEmpty else { return [] }
        let operations = try GeometryOperations()
        return try pairs.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.compactMap { pair in
            guard let a = topology.geometry(of: pair[0]), let b = topology.geometry(of: pair[1]),
                  let shared = try operations.intersection(a, b), shared.area > 0 else { return nil }
            return CoverageIssue(kind: .overlap, location: try operations.pointOnSurface(of: shared),
                                 codes: Array(Set([codes[pair[0]], codes[pair[1]]])).sorted(), area: shared.area)
        }
    }

    /// Gaps and overlaps: the arcs that faces do not follow as often in both directions divide
    /// the plane into faces; inside each bounded face, the number of polygons covering it is
    /// the winding number of those arcs (counted as often as they are unpaired). A bounded face
    /// covered by none is a gap, one covered twice or more an overlap.
    private static func areaIssues(_ topology: Topology, codesOf: ([Int]) -> [String]) -> [CoverageIssue] {
        var balance = [Int](repeating: 0, count: topology.arcCount)
        for reference in topology.faces.lazy.flatMap({ $0.polygons.joined().joined() }) {
            balance[Topology.arcIndex(reference)] += reference >= 0 ? 1 : -1
        }
        let unpaired = balance.indices.filter { balance[$0] != 0 }
        var issues: [CoverageIssue] = []
        for face in topology.planarFaces(bounding: unpaired) {
            let ring = topology.ring(face)
            let area = ring.signedDoubleArea / 2
            guard area > 0 else { continue }
            let probe = probePoint(inside: ring)
            let covering = unpaired.reduce(0) { $0 + balance[$1] * winding(of: topology.arc($1), around: probe) }
            let arcs = face.map(Topology.arcIndex)
            if covering <= 0 {
                issues.append(CoverageIssue(kind: .gap, location: probe, codes: codesOf(arcs), area: area))
            } else if covering >= 2 {
                issues.append(CoverageIssue(kind: .overlap, location: probe, codes: codesOf(arcs), area: area))
            }
        }
        return issues
    }

    /// How many times a path winds counter-clockwise around a point (crossings of the
    /// horizontal line through it, signed).
    private static func winding(of path: ArraySlice<Position>, around p: Position) -> Int {
        var count = 0
        for k in path.startIndex..<(path.endIndex - 1) {
            let a = path[k], b = path[k + 1]
            let side = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y)
            if a.y <= p.y {
                if b.y > p.y && side > 0 { count += 1 }
            } else if b.y <= p.y && side < 0 {
                count -= 1
            }
        }
        return count
    }

    /// A point just inside the area a counter-clockwise ring encloses, off the middle of its
    /// longest segment (to its left).
    private static func probePoint(inside ring: Ring) -> Position {
        let p = ring.positions
        var longest = 0, length = -1.0
        for k in 0..<(p.count - 1) {
            let l = Segment(a: p[k], b: p[k + 1]).length
            if l > length { length = l; longest = k }
        }
        let a = p[longest], b = p[longest + 1]
        let offset = min(length * 1e-4, 1e-3) / length
        // The left normal of a → b is (−dy, dx).
        return Position(x: (a.x + b.x) / 2 - (b.y - a.y) * offset, y: (a.y + b.y) / 2 + (b.x - a.x) * offset)
    }
}
