import Dispatch
import Synchronization
import Testing
@testable import PropiceGeometry

@Suite("CRS and PROJ")
struct CRSTests {
    @Test("reads CRS names", arguments: [
        ("EPSG:2154", 2154), ("epsg:4326", 4326), ("urn:ogc:def:crs:EPSG::2154", 2154), ("urn:ogc:def:crs:EPSG:6.6:3857", 3857),
        ("http://www.opengis.net/def/crs/EPSG/0/2154", 2154), ("OGC:CRS84", 4326), ("urn:ogc:def:crs:OGC:1.3:CRS84", 4326),
    ])
    func names(name: String, epsg: Int) {
        #expect(CRS(name: name) == CRS(epsg: epsg))
    }

    @Test("rejects what is no CRS name", arguments: ["", "EPSG:", "EPSG:-1", "EPSG:12a", "Lambert93", "IGNF:LAMB93"])
    func badNames(name: String) {
        #expect(CRS(name: name) == nil)
    }

    @Test("Lambert-93 to WGS 84 in longitude, latitude order, and back")
    func lambert93() throws {
        // Toulouse, Capitole: known Lambert-93 and WGS 84 coordinates.
        var positions = [Position(x: 574_400.0, y: 6_279_600.0)]
        try CoordinateTransformer(from: .lambert93, to: .wgs84).transform(&positions)
        #expect(abs(positions[0].x - 1.4437) < 0.01)
        #expect(abs(positions[0].y - 43.6045) < 0.01)
        try CoordinateTransformer(from: .wgs84, to: .lambert93).transform(&positions)
        #expect(abs(positions[0].x - 574_400.0) < 1e-6)
        #expect(abs(positions[0].y - 6_279_600.0) < 1e-6)
    }

    @Test("transformers made at once on many threads, copies of one operation, move positions to the same bits", arguments: [
        (CRS.lambert93, CRS.wgs84), (CRS(epsg: 27572), CRS.wgs84), (CRS.wgs84, CRS(epsg: 3857)),
    ])
    func concurrentTransformers(source: CRS, target: CRS) throws {
        let start = source == .wgs84 ? Position(x: 1.4437, y: 43.6045) : Position(x: 574_400, y: source == .lambert93 ? 6_279_600 : 1_843_000)
        let step = source == .wgs84 ? 0.001 : 100.0
        let positions = (0..<2_000).map { Position(x: start.x + Double($0 % 50) * step, y: start.y + Double($0 / 50) * step) }
        var alone = positions
        try CoordinateTransformer(from: source, to: target).transform(&alone)
        let results = Mutex<[[Position]]>([])
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            var moved = positions
            do {
                try CoordinateTransformer(from: source, to: target).transform(&moved)
                results.withLock { $0.append(moved) }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let all = results.withLock { $0 }
        #expect(all.count == 16)
        for moved in all {
            #expect(zip(moved, alone).allSatisfy { $0.x.bitPattern == $1.x.bitPattern && $0.y.bitPattern == $1.y.bitPattern })
        }
        #expect(alone.allSatisfy { $0 != start })
    }

    @Test("an unknown CRS gets PROJ's own message")
    func unknownCRS() {
        #expect {
            _ = try CoordinateTransformer(from: CRS(epsg: 999_999), to: .wgs84)
        } throws: { error in
            let message = (error as? CRSError)?.message ?? ""
            return message.hasPrefix("unknown CRS EPSG:999999: ") && message.contains("999999") && !message.contains("Unknown error")
        }
    }

    @Test("non-finite input is an error, never NaN in the output")
    func nonFinite() throws {
        let transformer = try CoordinateTransformer(from: .lambert93, to: .wgs84)
        var positions = [Position(x: .nan, y: 6_279_600)]
        #expect(throws: CRSError(message: "position (nan, 6279600.0) is not finite")) { try transformer.transform(&positions) }
    }

    @Test("positions outside the source CRS's range are an error that suggests the cause")
    func outsideDomain() throws {
        var positions = [Position(x: 574_400, y: 6_279_600)]
        #expect {
            try CoordinateTransformer(from: .wgs84, to: .lambert93).transform(&positions)
        } throws: { error in
            (error as? CRSError)?.message.contains("outside the range of the source CRS EPSG:4326") == true
        }
    }

    @Test("PROJ's failures become errors, not infinities")
    func projFailure() throws {
        // The south pole has no Lambert-93 coordinates: PROJ answers infinity.
        var positions = [Position(x: 0, y: -90)]
        #expect(throws: CRSError(message: "a position (number 0 of its ring) is outside the domain of EPSG:4326 → EPSG:2154")) {
            try CoordinateTransformer(from: .wgs84, to: .lambert93).transform(&positions)
        }
    }

    @Test("describes a CRS as WKT for GeoPackage")
    func definition() throws {
        let definition = try CRSDefinition(.lambert93)
        #expect(definition.name == "RGF93 v1 / Lambert-93")
        #expect(definition.wkt.hasPrefix("PROJCS[\"RGF93 v1 / Lambert-93\""))
    }
}
