import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Coverage topology")
struct TopologyTests {
    /// Whether two rings have the same positions in the same cyclic order, whatever their start.
    func sameCycle(_ a: Ring, _ b: Ring) -> Bool {
        let x = Array(a.positions.dropLast()), y = Array(b.positions.dropLast())
        guard x.count == y.count, a.positions.first == a.positions.last, b.positions.first == b.positions.last else { return false }
        guard let offset = y.firstIndex(of: x[0]) else { return x.isEmpty }
        return x.indices.allSatisfy { x[$0] == y[($0 + offset) % y.count] }
    }

    /// Whether the topology rebuilds every geometry: same type, same rings in the same order and direction.
    func rebuildsExactly(_ topology: Topology, _ geometries: [Geometry?]) -> Bool {
        geometries.indices.allSatisfy { i in
            let rebuilt = topology.geometry(of: i)
            switch (geometries[i], rebuilt) {
            case (nil, nil): return true
            case let (original?, rebuilt?):
                let same = original.polygons.count == rebuilt.polygons.count && zip(original.polygons, rebuilt.polygons).allSatisfy { p, q in
                    p.rings.count == q.rings.count && zip(p.rings, q.rings).allSatisfy(sameCycle)
                }
                switch (original, rebuilt) {
                case (.polygon, .polygon), (.multiPolygon, .multiPolygon): return same
                default: return false
                }
            default: return false
            }
        }
    }

    /// How many times each arc is referenced.
    func usage(_ topology: Topology) -> [Int] {
        var uses = [Int](repeating: 0, count: topology.arcCount)
        for face in topology.faces {
            for rings in face.polygons {
                for reference in rings.joined() { uses[Topology.arcIndex(reference)] += 1 }
            }
        }
        return uses
    }

    @Test("two squares sharing a side: three arcs, the shared one followed both ways")
    func twoSquares() {
        let geometries: [Geometry?] = [.polygon(Polygon(exterior: square(0, 0, 1))), .polygon(Polygon(exterior: square(1, 0, 1))), nil]
        let topology = Topology(coverage: geometries)
        #expect(topology.arcCount == 3)
        #expect(usage(topology).sorted() == [1, 1, 2])
        let shared = usage(topology).firstIndex(of: 2)!
        #expect(Array(topology.arc(shared)).sorted { ($0.x, $0.y) < ($1.x, $1.y) } == [Position(x: 1, y: 0), Position(x: 1, y: 1)])
        let a = topology.faces[0].polygons[0][0], b = topology.faces[1].polygons[0][0]
        #expect(a.contains(Int32(shared)) != b.contains(Int32(shared)), "one face follows the shared arc forwards, the other backwards")
        #expect(topology.faces[2] == TopologyFace(kind: .none, polygons: []))
        #expect(rebuildsExactly(topology, geometries))
    }

    @Test("an enclave and the hole around it share one closed arc")
    func enclave() {
        let geometries: [Geometry?] = [
            .polygon(Polygon(exterior: square(0, 0, 10), holes: [square(4, 4, 2, clockwise: true)])),
            .multiPolygon(MultiPolygon(polygons: [Polygon(exterior: square(4, 4, 2))])),
        ]
        let topology = Topology(coverage: geometries)
        #expect(topology.arcCount == 2)
        #expect(topology.faces[0].polygons[0][1].count == 1)
        #expect(topology.faces[0].polygons[0][1] == topology.faces[1].polygons[0][0].map { ~$0 })
        #expect(rebuildsExactly(topology, geometries))
    }

    @Test("the communes of metropolitan France: every commune rebuilt exactly, every border stored once")
    func metropolitanFrance() throws {
        let geometries = try readAll(try Geodata.path("cog2025/communes-metro.l93.geojson")).map(\.geometry)
        let topology = Topology(coverage: geometries)
        #expect(rebuildsExactly(topology, geometries.map { $0?.rfc7946Oriented }))
        let uses = usage(topology)
        #expect(uses.allSatisfy { $0 == 1 || $0 == 2 }, "a border is used by at most two communes")
        // No segment lies in two arcs: each piece of border is stored once.
        var segments = Set<[Double]>()
        var repeated = 0
        for i in 0..<topology.arcCount {
            let arc = Array(topology.arc(i))
            for (a, b) in zip(arc, arc.dropFirst()) {
                let (p, q) = (a.x, a.y) < (b.x, b.y) ? (a, b) : (b, a)
                if !segments.insert([p.x, p.y, q.x, q.y]).inserted { repeated += 1 }
            }
        }
        #expect(repeated == 0)
        #expect(topology.faces.count == 34_746)
    }
}
