import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Coverage diagnostics")
struct CoverageCheckTests {
    let folder = TemporaryFolder()

    func issues(_ geometries: [Geometry?], codes: [String], snap: Double? = nil) throws -> [CoverageIssue] {
        try CoverageCheck.issues(in: Topology(coverage: geometries, snap: snap), codes: codes).issues
    }

    func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
        .polygon(Polygon(exterior: Ring(positions: [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)].map { Position(x: $0.0, y: $0.1) })))
    }

    @Test("two squares sharing a side are clean; a third along both, without their common corner, is a T-junction")
    func clean() throws {
        #expect(try issues([rectangle(0, 0, 1, 1), rectangle(1, 0, 2, 1)], codes: ["a", "b"]).isEmpty)
        let unmatched = try issues([rectangle(0, 0, 1, 1), rectangle(1, 0, 2, 1), rectangle(0, 1, 2, 2)], codes: ["a", "b", "c"])
        #expect(unmatched.contains { $0.kind == .tJunction && $0.location == Position(x: 1, y: 1) }, "c's south side has no vertex where a and b meet")
        #expect(!unmatched.contains { $0.kind == .gap || $0.kind == .overlap })
    }

    @Test("a gap and an overlap between squares, with their codes and areas")
    func gapAndOverlap() throws {
        // A 3 × 3 grid without its centre.
        let ring: [Geometry?] = (0..<9).filter { $0 != 4 }.map { (k: Int) -> Geometry? in
            let x = Double(k % 3), y = Double(k / 3)
            return rectangle(x, y, x + 1, y + 1)
        }
        let gap = try issues(ring, codes: (0..<8).map { "c\($0)" })
        #expect(gap.map(\.kind) == [.gap])
        #expect(gap.first?.codes == ["c1", "c3", "c4", "c6"], "the four squares along the hole's sides")
        #expect(gap.first?.area == 1)
        let overlap = try issues([rectangle(0, 0, 1, 1), rectangle(0.75, 0, 2, 1)], codes: ["a", "b"])
        #expect(overlap.filter { $0.kind == .overlap }.map(\.codes) == [["a", "b"]])
        #expect(overlap.first { $0.kind == .overlap }?.area == 0.25)
        #expect(overlap.contains { $0.kind == .collinearBorders }, "their south sides run along each other")
    }


    @Test("a gap or an overlap pinched off at the outline: the middle vertex of a shared side moved in one square only")
    func pinchedGapAndOverlap() throws {
        func squares(movingTo x: Double) -> [Geometry?] {
            let a = [(0.0, 0.0), (1, 0), (x, 0.5), (1, 1), (0, 1), (0, 0)], b = [(1.0, 0.0), (2, 0), (2, 1), (1, 1), (1, 0.5), (1, 0)]
            return [a, b].map { .polygon(Polygon(exterior: Ring(positions: $0.map { Position(x: $0.0, y: $0.1) }))) }
        }
        #expect(try issues(squares(movingTo: 1), codes: ["a", "b"]).isEmpty)
        let gap = try issues(squares(movingTo: 0.6), codes: ["a", "b"])
        #expect(gap.map(\.kind) == [.gap] && gap.first?.codes == ["a", "b"])
        #expect(abs(gap.first!.area! - 0.2) < 1e-12, "the triangle between the two borders")
        let overlap = try issues(squares(movingTo: 1.4), codes: ["a", "b"])
        #expect(overlap.map(\.kind) == [.overlap], "\(overlap)")
        #expect(abs((overlap.first?.area ?? 0) - 0.2) < 1e-12)
    }
    @Test("crossing borders, and snapping near-coincident vertices away")
    func crossingAndSnap() throws {
        let crossed = try issues([rectangle(0, 0, 1, 1), rectangle(0.5, 0.5, 1.5, 1.5)], codes: ["a", "b"])
        #expect(crossed.filter { $0.kind == .crossing }.count == 2)
        #expect(crossed.contains { $0.kind == .overlap && $0.codes == ["a", "b"] })
        let nearly: [Geometry?] = [rectangle(0, 0, 1, 1), rectangle(1.0004, 0, 2, 1)]
        #expect(try !issues(nearly, codes: ["a", "b"]).isEmpty)
        #expect(try issues(nearly, codes: ["a", "b"], snap: 0.001).isEmpty)
    }

    @Test("Occitanie's communes are clean but for Llívia; a moved vertex makes a gap, another an overlap, each with its two communes")
    func deliberateGapAndOverlap() throws {
        let path = try Geodata.path("cog2025/communes-occitanie.l93.geojson")
        let communes = try readAll(path)
        let codes = communes.map { $0.properties["insee_com"]?.groupKey ?? "?" }
        var geometries = communes.map(\.geometry)
        let (clean, holes) = try CoverageCheck.issues(in: Topology(coverage: geometries), codes: codes, maxGapArea: 1e6)
        #expect(clean.isEmpty)
        #expect(holes.count == 1, "Llívia")

        // Two borders between two communes, each with a middle vertex where the first commune's
        // outline turns left (the vertex bulges out of it into the second).
        let topology = Topology(coverage: geometries)
        var uses: [Int: [(face: Int, forward: Bool)]] = [:]
        for (f, face) in topology.faces.enumerated() {
            for reference in face.polygons.joined().joined() { uses[Topology.arcIndex(reference), default: []].append((f, reference >= 0)) }
        }
        var picked: [(arc: Int, left: Int, right: Int, vertex: Position, towards: Position)] = []
        for arc in 0..<topology.arcCount where picked.count < 2 {
            let positions = Array(topology.arc(arc))
            guard positions.count == 3, let sides = uses[arc], sides.count == 2,
                  !picked.contains(where: { Set([$0.left, $0.right]).intersection([sides[0].face, sides[1].face]).count > 0 }) else { continue }
            let (a, v, b) = (positions[0], positions[1], positions[2])
            let turn = (v.x - a.x) * (b.y - v.y) - (v.y - a.y) * (b.x - v.x) // > 0: left turn going a → v → b
            guard abs(turn) > 1e4 else { continue }
            // The face following the arc forwards lies to its left.
            let forward = sides.first { $0.forward }!.face, backward = sides.first { !$0.forward }!.face
            let (convexFace, otherFace) = turn > 0 ? (forward, backward) : (backward, forward)
            picked.append((arc, convexFace, otherFace, v, Position(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)))
        }
        try #require(picked.count == 2)
        func move(_ face: Int, _ vertex: Position, to target: Position) {
            let moved = Position(x: (vertex.x + target.x) / 2, y: (vertex.y + target.y) / 2)
            geometries[face]!.updateRings { ring in ring = ring.map { $0 == vertex ? moved : $0 } }
        }
        move(picked[0].left, picked[0].vertex, to: picked[0].towards)  // the convex face shrinks: a gap
        move(picked[1].right, picked[1].vertex, to: picked[1].towards) // the other face grows into it: an overlap

        let broken = try CoverageCheck.issues(in: Topology(coverage: geometries), codes: codes, maxGapArea: 1e6).issues
        let gaps = broken.filter { $0.kind == .gap }, overlaps = broken.filter { $0.kind == .overlap }
        #expect(gaps.map(\.codes) == [[codes[picked[0].left], codes[picked[0].right]].sorted()])
        #expect(overlaps.map(\.codes) == [[codes[picked[1].left], codes[picked[1].right]].sorted()])
        #expect(broken.count == 2, "\(broken)")
    }

    @Test("propice coverage check exits 0 on a clean coverage, 1 with the issues listed, 2 on bad input")
    func commandLine() throws {
        let clean = folder.write("clean.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"insee_com":"00001"},"geometry":{"type":"Polygon","coordinates":[[[2,45],[2.1,45],[2.1,45.1],[2,45.1],[2,45]]]}},
            {"type":"Feature","properties":{"insee_com":"00002"},"geometry":{"type":"Polygon","coordinates":[[[2.1,45],[2.2,45],[2.2,45.1],[2.1,45.1],[2.1,45]]]}}]}
            """)
        let gap = folder.write("gap.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"insee_com":"00001"},"geometry":{"type":"Polygon","coordinates":[[[2,45],[2.1,45],[2.1,45.1],[2,45.1],[2,45]]]}},
            {"type":"Feature","properties":{"insee_com":"00002"},"geometry":{"type":"Polygon","coordinates":[[[2.1,45],[2.2,45],[2.2,45.1],[2.1,45.1],[2.1,45.05],[2.09,45.04],[2.1,45]]]}}]}
            """)
        let run = { PropiceExecutable.run($0) }
        #expect(run("coverage check \(clean)").status == 0)
        let result = run("coverage check \(gap) --json")
        #expect(result.status == 1)
        #expect(run("coverage check \(folder.file("missing.geojson"))").status == 2)
        let report = try LayerCoverageCheck.check(input: gap)
        let overlap = try #require(report.issues.first { $0.kind == .overlap })
        #expect(overlap.codes == ["00001", "00002"])
        #expect(abs(overlap.location.x - 2.097) < 0.01 && abs(overlap.location.y - 45.04) < 0.02, "in degrees: \(overlap.location)")
        #expect(!report.issues.contains { $0.kind == .gap })
    }
}
