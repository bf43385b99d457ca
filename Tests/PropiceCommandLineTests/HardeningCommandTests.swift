import Foundation
import Testing
@testable import PropiceGeometry
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Inputs that must stop every command that reads polygons (`convert`, `dissolve`,
/// `coverage check`) with the feature named, and environment variables out of their range,
/// which stop any command at its start: the real `propice` executable, as users run it.
@Suite("Hardening: geometries and environment, by command")
struct HardeningCommandTests {
    let folder = TemporaryFolder()

    /// Runs propice with `environment` set, on a thread of its own (the process is waited
    /// for); its exit status and standard error, outputs left out.
    func propice(_ arguments: String, environment: String = "") async throws -> (status: Int32, stderr: String) {
        try await onOwnThread { PropiceExecutable.run(arguments, environment: environment) }
    }

    static let square = #"{"type":"Polygon","coordinates":[[[600000,6200000],[600100,6200000],[600100,6200100],[600000,6200000]]]}"#

    static func collection(_ geometry: String, crs: String = "urn:ogc:def:crs:EPSG::2154") -> String {
        #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"\#(crs)"}},"features":["#
            + #"{"type":"Feature","properties":{"code":"a"},"geometry":\#(square)},"#
            + #"{"type":"Feature","properties":{"code":"b"},"geometry":\#(geometry)}]}"#
    }

    @Test("null and empty geometries, and degrees under Lambert-93, stop convert, dissolve and coverage check", arguments: [
        ("null", collection("null"), "feature 1: the feature has no geometry (null or empty): propice reads Polygon and MultiPolygon features"),
        ("empty", collection(#"{"type":"MultiPolygon","coordinates":[]}"#), "feature 1: the feature's geometry is empty (a MultiPolygon of no polygon)"),
        ("degrees", #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2154"}},"features":[{"type":"Feature","properties":{"code":"a"},"geometry":{"type":"Polygon","coordinates":[[[1.2,43.1],[1.3,43.1],[1.3,43.2],[1.2,43.1]]]}}]}"#,
         "the file declares EPSG:2154, a metric CRS, but every coordinate lies within ±180 and ±90: it looks like longitude/latitude (declare EPSG:4326, or reproject it)"),
    ])
    func badGeometries(name: String, text: String, message: String) async throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0)
        let input = folder.write("\(name).geojson", text)
        for command in ["convert \(input) \(folder.file("out.gpkg"))", "dissolve \(input) \(folder.file("out.geojson")) --by code",
                        "coverage check \(input)"] {
            let result = try await propice(command)
            #expect(result.status == (command.hasPrefix("coverage") ? 2 : 1), "\(command)")
            #expect(result.stderr == "error: \(input): \(message)\n", "\(command)")
            #expect(!folder.names().contains { $0.hasPrefix("out") }, "no output from \(command)")
        }
    }

    @Test("a GeoPackage NULL blob, empty blob and a blob whose SRS is not its column's are errors naming the feature", arguments: [
        ("NULL", "feature 1: the feature has no geometry (null or empty): propice reads Polygon and MultiPolygon features"),
        // The header alone, flagged empty, in the column's SRS (2154).
        ("X'475000116A080000'", "feature 1: the feature has no geometry (null or empty): propice reads Polygon and MultiPolygon features"),
        // The same geometry, its header naming SRS 4326.
        ("CAST(X'47500001E6100000' || substr(geom, 9) AS BLOB)", "feature 1: the geometry blob names SRS 4326, its column SRS 2154: which to read is ambiguous"),
    ])
    func badBlobs(blob: String, message: String) async throws {
        let path = folder.file("a.gpkg")
        let writer = try GeoPackageWriter(path: path, layerName: "communes", crs: .lambert93, lastChange: "2025-01-01T00:00:00.000Z")
        for code in ["a", "b", "c"] {
            try writer.write(Feature(properties: Properties([("code", .string(code))]),
                                     geometry: .polygon(Polygon(exterior: Ring(positions: [Position(x: 600000, y: 6200000), Position(x: 600100, y: 6200000),
                                                                                          Position(x: 600100, y: 6200100), Position(x: 600000, y: 6200000)])))))
        }
        try writer.finish()
        do {
            let database = try SQLiteDatabase(path: path, create: true) // opened for writing; an existing file is kept
            // The spatial index's triggers call functions only GeoPackage-aware SQLite has.
            let triggers = try database.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            var names: [String] = []
            while try triggers.step() { names += [triggers.text(0)].compactMap { $0 } }
            for name in names { try database.execute("DROP TRIGGER \"\(name)\"") }
            try database.execute("UPDATE communes SET geom = \(blob) WHERE code = 'b'")
        }
        let error = inputError { _ = try readAll(path) }
        #expect(error?.description == "\(path): \(message)")
        let result = try await propice("coverage check \(path)")
        #expect(result.status == 2 && result.stderr == "error: \(path): \(message)\n")
    }

    @Test("PROPICE_THREADS and SOURCE_DATE_EPOCH out of range stop any command at its start", arguments: [
        ("PROPICE_THREADS=0", "environment variable PROPICE_THREADS: '0' is not a number of worker threads (1 to 64)"),
        ("PROPICE_THREADS=65", "environment variable PROPICE_THREADS: '65' is not a number of worker threads (1 to 64)"),
        ("PROPICE_THREADS=huit", "environment variable PROPICE_THREADS: 'huit' is not a number of worker threads (1 to 64)"),
        ("SOURCE_DATE_EPOCH=-1", "environment variable SOURCE_DATE_EPOCH: '-1' is not a count of seconds since 1970-01-01 up to 9999-12-31 (0 to 253402300799)"),
        ("SOURCE_DATE_EPOCH=253402300800", "environment variable SOURCE_DATE_EPOCH: '253402300800' is not a count of seconds since 1970-01-01 up to 9999-12-31 (0 to 253402300799)"),
        ("SOURCE_DATE_EPOCH=1e9", "environment variable SOURCE_DATE_EPOCH: '1e9' is not a count of seconds since 1970-01-01 up to 9999-12-31 (0 to 253402300799)"),
    ])
    func environment(setting: String, message: String) async throws {
        let input = Geodata.packageRoot + "/Tests/Fixtures/enclave-communes.l93.geojson"
        let result = try await propice("convert \(input) \(folder.file("out.gpkg"))", environment: setting)
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(message)\n")
        #expect(!folder.names().contains("out.gpkg"))
        #expect(try await propice("convert \(input) \(folder.file("ok.gpkg"))", environment: "PROPICE_THREADS=3 SOURCE_DATE_EPOCH=0").status == 0)
    }
}
