import Testing
@testable import PropiceGeometry
import PropiceTestSupport

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
            {"type":"Feature","id":7,"geometry":{"coordinates":[[[[0,0,5],[1,0,5],[1,1,5],[0,0,5]]]],"type":"MultiPolygon"},"properties":null}
            ]}
            """)
        let reader = try GeoJSONReader(path: path)
        #expect(reader.declaredCRS == nil)
        #expect(reader.layerName == "communes")
        let features = try readAll(path)
        #expect(features.count == 2)
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
    }

    @Test("a feature holds its rings and properties at their size, whatever a feature read before it by the same parser needed")
    func buffersAtTheirSize() throws {
        // A large ring and many properties first, then small features with the same property names,
        // read one after the other with the parser's buffers carried over, as a batch's thread does.
        let big = (0..<2_000).map { "[\($0),\($0 % 7)]" }.joined(separator: ",")
        let many = (0..<500).map { "\"p\($0)\":\($0)" }.joined(separator: ",")
        let small = #"{"type":"Feature","properties":{"a":1,"b":2},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"#
        let texts = [#"{"type":"Feature","properties":{\#(many)},"geometry":{"type":"Polygon","coordinates":[[\#(big),[0,0]]]}}"#,
                     small, small, small]
        var buffers = GeoJSONParser.Buffers()
        let features = try texts.map { try GeoJSONParser.feature(in: Array($0.utf8)[...], path: "t.geojson", offset: 0, buffers: &buffers) }
        #expect(features[0].properties.values.count == 500)
        for feature in features.dropFirst() {
            guard case .polygon(let polygon)? = feature.geometry else { Issue.record("not a polygon"); continue }
            #expect(polygon.exterior.positions.capacity < 16, "ring capacity \(polygon.exterior.positions.capacity)")
            #expect(feature.properties.values.capacity < 16, "properties capacity \(feature.properties.values.capacity)")
        }
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

    /// 50 features; every seventh has its properties in another order, with a brace and a
    /// bracket in a string, and an extra one; feature 5 writes the name `nom` with an escape.
    static let fiftyFeatures: String = {
        var text = #"{"type":"FeatureCollection","features":["#
        for i in 0..<50 {
            if i > 0 { text += i % 2 == 0 ? ",\n" : " , " }
            let properties = i % 7 == 0
                ? #""v":\#(Double(i) * 1.000000123),"nom":"Commune n°\#(i) \u00e0","note":"} ] \\\" {""#
                : #""\#(i == 5 ? #"n\u006fm"# : "nom")":"Commune n°\#(i) \u00e0","v":\#(Double(i) * 1.000000123)"#
            text += #"{"type":"Feature","properties":{\#(properties)},"geometry":{"type":"Polygon","coordinates":[[[\#(i).123456789,-1e-3],[1.5E2,0],[1,1],[\#(i).123456789,-1e-3]]]}}"#
        }
        return text + "]}"
    }()

    @Test("reads across chunk and batch boundaries exactly as in one chunk and one batch")
    func chunkBoundaries() throws {
        let path = folder.write("chunks.geojson", Self.fiftyFeatures)
        let whole = try readAll(path)
        for (chunkSize, batchBytes) in [(1, 1 << 20), (2, 1), (3, 300), (7, 1000), (64, 5000), (1 << 20, 1)] {
            let reader = try GeoJSONReader(source: try ByteSource(path: path, chunkSize: chunkSize), batchBytes: batchBytes)
            var features: [Feature] = []
            while let f = try reader.next() { features.append(f) }
            #expect(features == whole, "chunk size \(chunkSize), batch \(batchBytes) bytes")
        }
        #expect(whole.count == 50)
        #expect(whole[3].properties["nom"] == .string("Commune n°3 à"))
        #expect(whole[3].properties.names == ["nom", "v"])
        #expect(whole[5].properties.names == ["nom", "v"])
        #expect(whole[5].properties["nom"] == .string("Commune n°5 à"))
        #expect(whole[14].properties.names == ["v", "nom", "note"])
        #expect(whole[14].properties["note"] == .string(#"} ] \" {"#))
    }

    @Test("a bad feature in a later batch comes after the good ones, with its index and offset")
    func badFeatureInLaterBatch() throws {
        let bad = #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}"#
        var text = Self.fiftyFeatures
        let insertAt = text.range(of: #"{"type":"Feature","properties":{"nom":"Commune n°31 "#)!.lowerBound
        text.insert(contentsOf: bad + ",", at: insertAt)
        let path = folder.write("bad.geojson", text)
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: insertAt)
        for batchBytes in [1, 700, 1 << 20] {
            let reader = try GeoJSONReader(source: try ByteSource(path: path), batchBytes: batchBytes)
            var count = 0
            do {
                while try reader.next() != nil { count += 1 }
                Issue.record("the ring that is not closed was read")
            } catch let error as InputError {
                #expect(count == 31, "batch \(batchBytes) bytes")
                guard case .feature(31, let at?) = error.location else { Issue.record("\(error.location)"); continue }
                #expect(at > offset && at < offset + bad.utf8.count)
            }
            #expect(try reader.next() == nil)
        }
    }

    @Test("a file cut inside a feature is reported as truncated after the features before it")
    func truncatedInsideFeature() throws {
        let text = Self.fiftyFeatures
        let cut = String(text[..<text.range(of: "Commune n°40")!.upperBound])
        let path = folder.write("cut.geojson", cut)
        let reader = try GeoJSONReader(source: try ByteSource(path: path), batchBytes: 500)
        var count = 0
        #expect(throws: InputError.self) { while try reader.next() != nil { count += 1 } }
        #expect(count == 40)
    }

    @Test("skips a UTF-8 byte order mark")
    func byteOrderMark() throws {
        let path = folder.write("bom.geojson", bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"type":"FeatureCollection","features":[]}"#.utf8))
        #expect(try readAll(path).isEmpty)
    }
}
