import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("GeoJSON bad input")
struct GeoJSONBadInputTests {
    let folder = TemporaryFolder()

    static let head = #"{"type":"FeatureCollection","features":["#
    static func feature(_ coordinates: String, type: String = "Polygon") -> String {
        #"{"type":"Feature","properties":{"code":"31555"},"geometry":{"type":"\#(type)","coordinates":\#(coordinates)}}"#
    }
    static let good = feature("[[[0,0],[1,0],[1,1],[0,0]]]")

    /// The error reading `text` gives.
    func error(_ text: String) -> InputError? {
        let path = folder.write("bad.geojson", text)
        return inputError { _ = try readAll(path) }
    }

    func error(bytes: [UInt8]) -> InputError? {
        let path = folder.write("bad.geojson", bytes: bytes)
        return inputError { _ = try readAll(path) }
    }

    @Test func missingFile() {
        let e = inputError { _ = try readAll(folder.file("absent.geojson")) }
        #expect(e?.description == "\(folder.file("absent.geojson")): cannot open: No such file or directory")
    }

    @Test func emptyFile() {
        #expect(error("")?.description.hasSuffix("bad.geojson: byte 0: the file is empty") == true)
    }

    @Test func truncatedJSON() {
        let text = Self.head + Self.good + "," + Self.good
        let e = error(String(text.dropLast(20)))
        #expect(e?.location == .feature(1, byteOffset: text.utf8.count - 20))
        #expect(e?.message.hasPrefix("unexpected end of file") == true)
        #expect(e?.message.hasSuffix("the file is truncated") == true)
    }

    @Test func infiniteCoordinate() {
        let text = Self.head + Self.feature("[[[0,0],[1e999,0],[1,1],[0,0]]]") + "]}"
        let e = error(text)
        #expect(e?.message == "a coordinate is not a finite number")
        let offset = text.utf8.count - text.split(separator: "1e999")[1].utf8.count - 5
        #expect(e?.location == .feature(0, byteOffset: offset))
    }

    @Test func notANumberCoordinate() {
        let e = error(Self.head + Self.feature("[[[0,0],[NaN,0],[1,1],[0,0]]]") + "]}")
        #expect(e?.message == "expected a coordinate, found 'N'")
        if case .feature(0, _)? = e?.location {} else { Issue.record("expected feature 0, got \(String(describing: e?.location))") }
    }

    @Test func unclosedRing() {
        let e = error(Self.head + Self.good + "," + Self.feature("[[[0,0],[1,0],[1,1],[0,1]]]") + "]}")
        #expect(e?.message == "a ring is not closed: it starts at (0.0, 0.0) and ends at (0.0, 1.0)")
        if case .feature(1, _)? = e?.location {} else { Issue.record("expected feature 1") }
    }

    @Test func ringOfThreePositions() {
        let e = error(Self.head + Self.feature("[[[0,0],[1,0],[0,0]]]") + "]}")
        #expect(e?.message == "a ring has 3 positions; a ring needs at least 4, the last repeating the first")
    }

    @Test func pointWherePolygonExpected() {
        let e = error(Self.head + Self.feature("[1,2]", type: "Point") + "]}")
        #expect(e?.message == "expected a Polygon or MultiPolygon geometry, found a Point")
        if case .feature(0, _)? = e?.location {} else { Issue.record("expected feature 0") }
    }

    @Test("a member name written with an escape is that member: read, and refused when given twice")
    func escapedMemberNames() throws {
        let escaped = #"{"typ\u0065":"F\u0065ature","properties":{"code":"31555"},"#
            + #""geometry":{"coordinat\u0065s":[[[0,0],[1,0],[1,1],[0,0]]],"t\u0079pe":"P\u006flygon"}}"#
        let path = folder.write("escaped.geojson", Self.head + escaped + "," + Self.good + "]}")
        let features = try readAll(path)
        #expect(features.count == 2 && features[0] == features[1], "the escaped names read as the plain ones")
        let cases = [
            (#"{"type":"Feature","typ\u0065":"Feature","properties":{},"geometry":null}"#, "type"),
            (#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"#
                + #""\u0063oordinates":[]}}"#, "coordinates"),
        ]
        for (feature, member) in cases {
            let e = error(Self.head + feature + "]}")
            #expect(e?.message == "the member \"\(member)\" is given twice in the same object: which to read is ambiguous", "\(feature)")
        }
    }

    @Test func notUTF8() {
        var bytes = Array((Self.head + #"{"type":"Feature","properties":{"nom":"Ari"#).utf8)
        bytes.append(0xE8) // 'è' in Latin-1
        bytes += Array(#"ge"},"geometry":null}]}"#.utf8)
        let e = error(bytes: bytes)
        #expect(e?.message.hasPrefix("a string is not valid UTF-8") == true)
        #expect(e?.message.contains("iconv") == true)
    }

    @Test func featureInsteadOfCollection() {
        let e = error(#"{"type":"Feature","properties":{},"geometry":null}"#)
        #expect(e?.message.hasPrefix("expected a FeatureCollection, found a Feature") == true)
    }

    @Test func trailingGarbage() {
        let e = error(Self.head + "]} x")
        #expect(e?.message == "expected the end of the file, found 'x'")
    }

    @Test func unknownCRSName() {
        let e = error(#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"Lambert93"}},"features":[]}"#)
        #expect(e?.message.hasPrefix("the crs member names 'Lambert93'") == true)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        let e = error(Self.head + #"{"type":"Feature","properties":{"x":\#(deep)"#)
        #expect(e?.message == "values are nested more than 256 deep")
    }
}
