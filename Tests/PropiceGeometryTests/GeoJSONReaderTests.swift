import Testing
@testable import PropiceGeometry

@Suite("GeoJSON reader")
struct GeoJSONReaderTests {
    let folder = TemporaryFolder()

    @Test("reads properties of every kind, ids and both polygon types")
    func readsPropertiesAndGeometry() throws {
        let path = folder.write("a.geojson", """
            {"type":"FeatureCollection","name":"communes","features":[
            {"type":"Feature","id":"09001","properties":{"code":"09001","pop":512,"taux":0.25,"ok":true,"vide":null,
              "liste":[1, "deux", {"trois": 3}],"nom":"Ax-les-Thermes \\u00e9\\n\\"q\\""},
             "geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]}},
            {"type":"Feature","id":7,"geometry":{"coordinates":[[[[0,0,5],[1,0,5],[1,1,5],[0,0,5]]]],"type":"MultiPolygon"},"properties":null},
            {"type":"Feature","properties":{},"geometry":null}
            ]}
            """)
        let reader = try GeoJSONReader(path: path)
        #expect(reader.declaredCRS == nil)
        #expect(reader.layerName == "communes")
        let features = try readAll(path)
        #expect(features.count == 3)
        let first = features[0]
        #expect(first.id == .string("09001"))
        #expect(first.properties["code"] == .string("09001"))
        #expect(first.properties["pop"] == .integer(512))
        #expect(first.properties["taux"] == .real(0.25))
        #expect(first.properties["ok"] == .bool(true))
        #expect(first.properties["vide"] == .null)
        #expect(first.properties["liste"] == .json(#"[1,"deux",{"trois":3}]"#))
        #expect(first.properties["nom"] == .string("Ax-les-Thermes é\n\"q\""))
        #expect(first.properties.names == ["code", "pop", "taux", "ok", "vide", "liste", "nom"])
        guard case .polygon(let polygon)? = first.geometry else { Issue.record("expected a Polygon"); return }
        #expect(polygon.holes.count == 1)
        #expect(polygon.area == 96)
        #expect(features[1].id == .integer(7))
        guard case .multiPolygon(let multi)? = features[1].geometry else { Issue.record("expected a MultiPolygon"); return }
        #expect(multi.polygons[0].exterior.positions[1] == Position(x: 1, y: 0))
        #expect(features[2].geometry == nil)
    }

    @Test("reads the legacy crs member in its forms", arguments: [
        (#"{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}}"#, 2154),
        (#"{"type":"name","properties":{"name":"EPSG:3857"}}"#, 3857),
        (#"{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}"#, 4326),
        (#"{"type":"EPSG","properties":{"code":2154}}"#, 2154),
    ])
    func legacyCRS(member: String, epsg: Int) throws {
        let path = folder.write("crs.geojson", #"{"type":"FeatureCollection","crs":\#(member),"features":[]}"#)
        #expect(try GeoJSONReader(path: path).declaredCRS == CRS(epsg: epsg))
    }

    @Test("reads across chunk boundaries exactly as in one chunk")
    func chunkBoundaries() throws {
        var text = #"{"type":"FeatureCollection","features":["#
        for i in 0..<50 {
            if i > 0 { text += "," }
            text += #"{"type":"Feature","properties":{"nom":"Commune n°\#(i) \u00e0","v":\#(Double(i) * 1.000000123)},"geometry":{"type":"Polygon","coordinates":[[[\#(i).123456789,-1e-3],[1.5E2,0],[1,1],[\#(i).123456789,-1e-3]]]}}"#
        }
        text += "]}"
        let path = folder.write("chunks.geojson", text)
        let whole = try readAll(path)
        for chunkSize in [1, 2, 3, 7, 64] {
            let reader = try GeoJSONReader(source: try ByteSource(path: path, chunkSize: chunkSize))
            var features: [Feature] = []
            while let f = try reader.next() { features.append(f) }
            #expect(features == whole, "chunk size \(chunkSize)")
        }
        #expect(whole.count == 50)
        #expect(whole[3].properties["nom"] == .string("Commune n°3 à"))
    }

    @Test("skips a UTF-8 byte order mark")
    func byteOrderMark() throws {
        let path = folder.write("bom.geojson", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"type":"FeatureCollection","features":[]}"#.utf8))
        #expect(try readAll(path).isEmpty)
    }
}
