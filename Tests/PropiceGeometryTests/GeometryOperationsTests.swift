import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("GEOS operations")
struct GeometryOperationsTests {
    let bowtie = Geometry.polygon(Polygon(exterior: Ring(positions: [
        Position(x: 0, y: 0), Position(x: 10, y: 10), Position(x: 10, y: 0), Position(x: 0, y: 10), Position(x: 0, y: 0),
    ])))

    @Test("validity with GEOS's reason and location")
    func validity() throws {
        let ops = try GeometryOperations()
        #expect(try ops.validity(of: .polygon(Polygon(exterior: square(0, 0, 1)))) == ValidityReport(isValid: true))
        let report = try ops.validity(of: bowtie)
        #expect(!report.isValid)
        #expect(report.reason == "Self-intersection")
        #expect(report.location == Position(x: 5, y: 5))
    }

    @Test("make-valid splits a bow-tie into two triangles of the same area")
    func makeValid() throws {
        let ops = try GeometryOperations()
        let valid = try #require(try ops.makeValid(bowtie))
        #expect(try ops.validity(of: valid).isValid)
        #expect(valid.polygons.count == 2)
        #expect(abs(valid.area - 50) < 1e-9)
    }

    @Test("area and point on surface, holes included")
    func areaAndPointOnSurface() throws {
        let ops = try GeometryOperations()
        let ring = Geometry.polygon(Polygon(exterior: square(0, 0, 10), holes: [square(1, 1, 8, clockwise: true)]))
        #expect(try ops.area(of: ring) == 36)
        let p = try ops.pointOnSurface(of: ring)
        let index = try PolygonIndex([ring])
        #expect(try index.containing(p) == [0])
        #expect(try index.containing(Position(x: 5, y: 5)).isEmpty, "inside the hole")
    }

    @Test("the STRtree index finds the containing polygons, borders included")
    func polygonIndex() throws {
        var grid: [Geometry] = []
        for i in 0..<20 { for j in 0..<20 { grid.append(.polygon(Polygon(exterior: square(Double(i), Double(j), 1)))) } }
        let index = try PolygonIndex(grid)
        #expect(try index.containing(Position(x: 3.5, y: 7.5)) == [3 * 20 + 7])
        #expect(try index.containing(Position(x: 3, y: 7.5)) == [2 * 20 + 7, 3 * 20 + 7])
        #expect(try index.containing(Position(x: 25, y: 25)).isEmpty)
    }

    @Test("every Occitanie commune is valid, and its point on surface falls in it")
    func occitanie() throws {
        let communes = try readAll(try Geodata.path("cog2025/communes-occitanie.l93.geojson")).compactMap(\.geometry)
        let ops = try GeometryOperations()
        let index = try PolygonIndex(communes)
        var invalid = 0
        for (i, commune) in communes.enumerated() {
            if try !ops.validity(of: commune).isValid { invalid += 1 }
            #expect(try index.containing(try ops.pointOnSurface(of: commune)).contains(i))
        }
        #expect(invalid == 0)
    }
}
