import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("GeoJSON writer")
struct GeoJSONWriterTests {
    let folder = TemporaryFolder()

    func text(_ name: String) -> String { String(decoding: folder.read(name), as: UTF8.self) }

    @Test("writes RFC 7946: exterior counter-clockwise, holes clockwise, 6 decimals, ids, bbox")
    func rfc7946() throws {
        let polygon = Polygon(exterior: square(0, 0, 10, clockwise: true), holes: [square(2, 2, 1)])
        let writer = try GeoJSONWriter(path: folder.file("out.geojson"), options: GeoJSONWriterOptions(boundingBoxes: true))
        try writer.write(Feature(id: .string("243100518"), properties: Properties([("code", .string("09001")), ("n", .integer(-3)), ("x", .real(0.1))]),
                                 geometry: .polygon(polygon)))
        try writer.write(Feature(properties: Properties([("p", .json(#"{"a":[1]}"#))]), geometry: .multiPolygon(MultiPolygon(polygons: [
            Polygon(exterior: Ring(positions: [Position(x: 1.23456789, y: -0.0000004), Position(x: 2, y: 0), Position(x: 2, y: 1), Position(x: 1.23456789, y: -0.0000004)])),
        ]))))
        try writer.finish()
        #expect(text("out.geojson") == """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"243100518","properties":{"code":"09001","n":-3,"x":0.1},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,3],[3,3],[3,2],[2,2]]]},"bbox":[0,0,10,10]},
            {"type":"Feature","properties":{"p":{"a":[1]}},"geometry":{"type":"MultiPolygon","coordinates":[[[[1.234568,0],[2,0],[2,1],[1.234568,0]]]]},"bbox":[1.234568,0,2,1]}
            ],"bbox":[0,0,10,10]}

            """)
        let features = try readAll(folder.file("out.geojson"))
        guard case .polygon(let back)? = features[0].geometry else { Issue.record("expected a Polygon"); return }
        #expect(back.exterior.isCounterClockwise)
        #expect(!back.holes[0].isCounterClockwise)
    }

    @Test("a geometry encoded once and written with several features' properties gives the bytes of writing each whole")
    func sharedGeometry() throws {
        let shapes: [Geometry?] = [.polygon(Polygon(exterior: square(0, 0, 10, clockwise: true), holes: [square(2, 2, 1)])), nil]
        for options in [GeoJSONWriterOptions(boundingBoxes: true), GeoJSONWriterOptions(precision: 2)] {
            let whole = try GeoJSONWriter(path: folder.file("whole.geojson"), options: options)
            let shared = try GeoJSONWriter(path: folder.file("shared.geojson"), options: options)
            for (i, shape) in shapes.enumerated() {
                let encoded = whole.encode(shape)
                for model in ["iml", "pf"] {
                    let feature = Feature(id: .integer(Int64(i)), properties: Properties([("modele", .string(model))]), geometry: shape)
                    try whole.write(feature)
                    try shared.write(Feature(id: feature.id, properties: feature.properties, geometry: nil), geometry: encoded)
                }
            }
            try whole.finish()
            try shared.finish()
            #expect(text("shared.geojson") == text("whole.geojson"), "bounding boxes: \(options.boundingBoxes)")
            #expect(text("shared.geojson").components(separatedBy: #""geometry":null}"#).count == 3, "the null geometry, twice")
        }
    }

    @Test("a projected CRS gets the legacy crs member")
    func projectedCRS() throws {
        let writer = try GeoJSONWriter(path: folder.file("l93.geojson"), options: GeoJSONWriterOptions(precision: 1, crs: .lambert93))
        try writer.finish()
        #expect(text("l93.geojson") == #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},"features":[]}"# + "\n")
        #expect(try GeoJSONReader(path: folder.file("l93.geojson")).declaredCRS == .lambert93)
    }

    @Test("nothing reaches the destination before finish, and an abandoned writer leaves the previous file and no temporary")
    func atomic() throws {
        folder.write("out.geojson", "previous")
        do {
            let writer = try GeoJSONWriter(path: folder.file("out.geojson"))
            try writer.write(Feature(geometry: .polygon(Polygon(exterior: square(0, 0, 1)))))
            #expect(text("out.geojson") == "previous")
            #expect(folder.names().count == 2)
        }
        #expect(text("out.geojson") == "previous")
        #expect(folder.names() == ["out.geojson"])
    }

    @Test("rounds like a decimal printer", arguments: [
        (0.0, 6, "0"), (-0.0000004, 6, "0"), (-0.0000006, 6, "-0.000001"), (1.5, 0, "2"), (-2.5, 0, "-3"),
        (43.6046, 6, "43.6046"), (1.000001, 6, "1.000001"), (123456.789, 2, "123456.79"), (0.05, 1, "0.1"), (1e17, 6, "1e+17"), (12345678901.5, 6, "12345678901.5"),
    ])
    func fixed(value: Double, decimals: Int, expected: String) {
        var out: [UInt8] = []
        JSONText.appendFixed(value, decimals: decimals, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }
}
