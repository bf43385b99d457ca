import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Dissolve by choosing arcs")
struct DissolveTests {
    /// The unit squares of a grid, row by row.
    func grid(_ columns: Int, _ rows: Int) -> [Geometry?] {
        (0..<rows).flatMap { j in (0..<columns).map { i in Geometry.polygon(Polygon(exterior: square(Double(i), Double(j), 1))) } }
    }

    @Test("a 2 × 2 grid dissolves into one valid square")
    func grid2x2() throws {
        let result = try Topology(coverage: grid(2, 2)).dissolve(by: ["a", "a", "a", "a"])
        #expect(result.count == 1)
        #expect(result[0].faces == [0, 1, 2, 3])
        guard case .polygon(let polygon) = result[0].geometry else { Issue.record("expected a Polygon"); return }
        #expect(polygon.holes.isEmpty)
        #expect(polygon.area == 4)
        #expect(try GeometryOperations().validity(of: result[0].geometry).isValid)
    }

    @Test("an enclave of another group makes a hole; a group in two parts is a MultiPolygon")
    func enclaveAndParts() throws {
        // A 3 × 3 grid: the centre is group b, the ring around it group a, and a lone square far away is a too.
        var geometries = grid(3, 3)
        geometries.append(.polygon(Polygon(exterior: square(10, 10, 1))))
        let groups: [String?] = ["a", "a", "a", "a", "b", "a", "a", "a", "a", "a"]
        let result = try Topology(coverage: geometries).dissolve(by: groups)
        #expect(result.map(\.key) == ["a", "b"])
        guard case .multiPolygon(let a) = result[0].geometry else { Issue.record("expected a MultiPolygon"); return }
        #expect(a.polygons.count == 2)
        #expect(a.polygons.map(\.holes.count).sorted() == [0, 1])
        #expect(result[0].geometry.area == 9)
        #expect(result[1].geometry.area == 1)
        let ops = try GeometryOperations()
        #expect(try result.allSatisfy { try ops.validity(of: $0.geometry).isValid })
    }

    @Test("two squares of one group touching at a corner stay two valid polygons; faces without a group are left out")
    func pinch() throws {
        let geometries: [Geometry?] = grid(2, 2)
        let result = try Topology(coverage: geometries).dissolve(by: ["a", nil, nil, "a"])
        #expect(result.count == 1)
        guard case .multiPolygon(let m) = result[0].geometry else { Issue.record("expected a MultiPolygon"); return }
        #expect(m.polygons.count == 2)
        #expect(try GeometryOperations().validity(of: result[0].geometry).isValid)
    }

    @Test("metropolitan France by EPCI: 1,232 EPCI, each within 0.2 % of the reference area with the same parts")
    func epciOfMetropolitanFrance() throws {
        let communes = try readAll(try Geodata.path("cog2025/communes-metro.l93.geojson"))
        let reference = try readAll(try Geodata.path("cog2025/epci-metro.wgs84.geojson"))
        let groups: [String?] = communes.map {
            guard case .string(let siren)? = $0.properties["siren_epci"], siren != "ZZZZZZZZZ" else { return nil }
            return siren
        }
        let epci = try Topology(coverage: communes.map(\.geometry)).dissolve(by: groups)
        #expect(epci.count == 1_232)

        let toLambert93 = try CoordinateTransformer(from: .wgs84, to: .lambert93)
        var expected: [String: Geometry] = [:]
        for feature in reference {
            guard case .string(let siren)? = feature.properties["siren_epci"], var geometry = feature.geometry else { continue }
            try toLambert93.transform(&geometry)
            expected[siren] = geometry
        }
        let ops = try GeometryOperations()
        var offArea: [String] = [], offParts: [String] = [], invalid: [String] = []
        for group in epci {
            guard let reference = expected[group.key] else { offArea.append(group.key); continue }
            if abs(group.geometry.area - reference.area) > 0.002 * reference.area { offArea.append(group.key) }
            if group.geometry.polygons.count != reference.polygons.count { offParts.append(group.key) }
            if try !ops.validity(of: group.geometry).isValid { invalid.append(group.key) }
        }
        #expect(offArea.isEmpty, "areas off by more than 0.2 %: \(offArea.prefix(10))")
        #expect(offParts.isEmpty, "different numbers of parts: \(offParts.prefix(10))")
        #expect(invalid.isEmpty, "invalid for GEOS: \(invalid.prefix(10))")

        // Nothing is lost or counted twice: the EPCI cover exactly their communes.
        let communeArea = zip(communes, groups).reduce(0.0) { $0 + ($1.1 == nil ? 0 : ($1.0.geometry?.area ?? 0)) }
        let epciArea = epci.reduce(0.0) { $0 + $1.geometry.area }
        #expect(abs(epciArea - communeArea) < 1e-9 * communeArea)
    }
}

@Suite("Dissolving a layer")
struct LayerDissolveTests {
    let folder = TemporaryFolder()

    @Test("six hand-made communes dissolve into their two EPCI, borders kept from the communes")
    func demo() throws {
        let output = folder.file("epci.geojson")
        let report = try LayerDissolve.dissolve(input: Geodata.packageRoot + "/Tests/Fixtures/enclave-communes.l93.geojson", output: output, grouping: .field("siren_epci"))
        #expect(report.featureCount == 2 && report.sourceCRS == .lambert93 && report.targetCRS == .wgs84 && report.outputFormat == .geoJSON)
        #expect(report.generalisation?.outputVertices == report.generalisation?.inputVertices, "nothing simplified when not asked")
        let epci = try readAll(output)
        #expect(epci.map(\.properties) == [Properties([("siren_epci", .string("000000001"))]), Properties([("siren_epci", .string("000000002"))])])
        // 00005 holds 00006 as an enclave, and both are in EPCI 2: no hole remains there.
        #expect(epci[1].geometry?.polygons.allSatisfy { $0.holes.isEmpty } == true)
        #expect(epci[1].geometry?.polygons.count == 2, "the mainland and Port-Songe's island")
    }

    @Test("ZZZZZZZZZ groups nothing, and a missing field is an error")
    func skippedAndMissing() throws {
        let input = folder.write("c.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"e":"ZZZZZZZZZ"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
            {"type":"Feature","properties":{"e":"200000001"},"geometry":{"type":"Polygon","coordinates":[[[2,2],[3,2],[3,3],[2,2]]]}}]}
            """)
        #expect(try LayerDissolve.dissolve(input: input, output: folder.file("o.geojson"), grouping: .field("e")).featureCount == 1)
        let e = inputError { _ = try LayerDissolve.dissolve(input: input, output: folder.file("p.geojson"), grouping: .field("siren")) }
        #expect(e?.message == "no feature has a property named 'siren'")
        #expect(!folder.names().contains("p.geojson"))
    }
}
