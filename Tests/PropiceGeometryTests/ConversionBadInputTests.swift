import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Conversion of bad input")
struct ConversionBadInputTests {
    let folder = TemporaryFolder()

    @Test("a failed conversion leaves the previous output intact and no temporary file")
    func previousOutputKept() throws {
        folder.write("out.geojson", "previous")
        let bad = folder.write("bad.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},{"type":"Feature""#)
        let e = inputError { _ = try LayerConversion.convert(input: bad, output: folder.file("out.geojson")) }
        #expect(e?.message.hasPrefix("unexpected end of file") == true)
        #expect(folder.names() == ["bad.geojson", "out.geojson"])
        #expect(String(decoding: folder.read("out.geojson"), as: UTF8.self) == "previous")
    }

    @Test("Lambert-93 coordinates read as WGS 84 say what is wrong")
    func wrongSourceCRS() throws {
        let input = folder.write("l93.geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[574400,6279600],[574500,6279600],[574500,6279700],[574400,6279600]]]}}]}"#)
        let e = inputError { _ = try LayerConversion.convert(input: input, output: folder.file("out.geojson")) }
        #expect(e?.location == .feature(0, byteOffset: nil))
        #expect(e?.message == "position (574400.0, 6279600.0) is outside the range of the source CRS EPSG:4326 (longitude −180…180, latitude −90…90): is the source CRS right?")
        #expect(!folder.names().contains("out.geojson"))
    }

    @Test("unknown extensions are refused before anything is read")
    func unknownFormat() {
        let e = inputError { _ = try LayerConversion.convert(input: "a.geojson", output: folder.file("out.shp")) }
        #expect(e?.message == "unknown format '.shp': use .geojson, .json or .gpkg")
    }
}
