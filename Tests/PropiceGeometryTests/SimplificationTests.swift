import Foundation
import Testing
@testable import PropiceGeometry

@Suite("Simplifying arcs")
struct SimplificationTests {
    let zigzag: [Position] = [(0, 0), (1, 0.1), (2, 0), (3, 2), (4, 0), (5, 0.5), (6, 0)].map { Position(x: $0.0, y: $0.1) }

    @Test("Visvalingam removes vertices by effective area, and never ranks one below a vertex removed before it")
    func visvalingam() {
        let t = VertexThresholds.visvalingam(zigzag[...], weighted: false)
        #expect(t[0] == .infinity && t[6] == .infinity)
        // (1, 0.1) makes the smallest triangle: area 0.1, so its threshold is √0.1.
        #expect(abs(t[1] - 0.1.squareRoot()) < 1e-12)
        #expect(t[3] == t.dropFirst().dropLast().max(), "the peak goes last")
        #expect(t[5] < t[3] && t[1] < t[5])
    }

    @Test("weighted Visvalingam lets a spike go before a gentle bend of the same area")
    func weighted() {
        // Two triangles of area 1: a spike (sharp angle) and a wide bend (flat angle).
        let spike = [Position(x: 0, y: 0), Position(x: 0.5, y: 10), Position(x: 0.2, y: 0)].map { $0 }
        let bend = [Position(x: 0, y: 0), Position(x: 5, y: 0.4), Position(x: 10, y: 0)]
        let spikeThreshold = VertexThresholds.visvalingam(spike[...], weighted: true)[1]
        let bendThreshold = VertexThresholds.visvalingam(bend[...], weighted: true)[1]
        #expect(spikeThreshold < bendThreshold)
    }

    @Test("Douglas–Peucker ranks a vertex by its distance to the chord, capped by the vertex that split the span")
    func douglasPeucker() {
        let t = VertexThresholds.douglasPeucker(zigzag[...])
        #expect(t[3] == 2)
        #expect(abs(t[1] - 0.1 / (1.0 + 0.01).squareRoot() * 1) < 0.02)
        #expect(t.allSatisfy { $0 <= 2 || $0 == .infinity })
    }

    @Test("keeping a share keeps that share of the removable vertices")
    func keepShare() {
        let thresholds: [Double] = [.infinity, 1, 2, 3, 4, .infinity]
        #expect(thresholds.filter { $0 >= GeneralisationState.cut(thresholds, amount: .keep(0.5)) }.count == 4)
        #expect(thresholds.filter { $0 >= GeneralisationState.cut(thresholds, amount: .keep(0)) }.count == 2)
        #expect(thresholds.filter { $0 >= GeneralisationState.cut(thresholds, amount: .tolerance(2)) }.count == 4)
    }

    @Test("keep-shapes: a small island stays a triangle at any tolerance, and is dropped without it")
    func keepShapes() throws {
        let island = Ring(positions: (0...8).map { k in
            let angle = Double(k % 8) * .pi / 4
            return Position(x: 10 * cos(angle), y: 10 * sin(angle))
        })
        let topology = Topology(coverage: [.polygon(Polygon(exterior: island))])
        let (kept, report) = try Generalisation(simplification: SimplificationOptions(amount: .tolerance(1_000))).apply(to: topology)
        #expect(kept.geometry(of: 0)?.polygons[0].exterior.positions.count == 4)
        #expect(report.restoredForShapes == 2)
        #expect(throws: TopologyError.self) {
            try Generalisation(simplification: SimplificationOptions(amount: .tolerance(1_000), keepShapes: false)).apply(to: topology)
        }
    }

    @Test("a bay's chord that would swallow an island gets its vertices back")
    func islandInBay() throws {
        // A square commune with a bay 30 deep in its north side, and an island commune in the bay:
        // at a tolerance of 40, the bay's vertices go and the north side would pass over the island.
        let mainland = Ring(positions: [(0, 0), (100, 0), (100, 100), (65, 100), (65, 70), (45, 70), (45, 100), (0, 100), (0, 0)]
            .map { Position(x: $0.0, y: $0.1) })
        let island = Ring(positions: [(53, 80), (57, 80), (57, 90), (53, 90), (53, 80)].map { Position(x: $0.0, y: $0.1) })
        let geometries: [Geometry?] = [.polygon(Polygon(exterior: mainland)), .polygon(Polygon(exterior: island))]
        let topology = Topology(coverage: geometries)
        let (simplified, report) = try Generalisation(simplification: SimplificationOptions(amount: .tolerance(40), method: .douglasPeucker)).apply(to: topology)
        #expect(report.restoredForIntersections > 0)
        let ops = try GeometryOperations()
        let land = try #require(simplified.geometry(of: 0)), isle = try #require(simplified.geometry(of: 1))
        #expect(try ops.validity(of: land).isValid)
        let union = try #require(try ops.union([land, isle]))
        #expect(abs(union.area - land.area - isle.area) < 1e-9, "the island lies outside the mainland")
    }
}
