import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The `propice` executable as users run it: exit codes, messages, outputs.
@Suite("propice command line")
struct CommandLineTests {
    let folder = TemporaryFolder()

    /// The `propice` built beside this test bundle.
    static let executable: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        return path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/propice"
    }()

    /// Runs propice with arguments; returns its exit status and standard error.
    func propice(_ arguments: String) -> (status: Int32, stderr: String) {
        let errors = folder.file("stderr.txt")
        let status = system("\(Self.executable) \(arguments) >/dev/null 2>\(errors)")
        let text = String(decoding: TemporaryFolder.read(path: errors), as: UTF8.self)
        unlink(errors)
        return (status >> 8, text)
    }

    @Test("converts the demo and says what it did")
    func convertsDemo() throws {
        try #require(access(Self.executable, X_OK) == 0, "build propice first: \(Self.executable)")
        let demo = Geodata.packageRoot + "/geodata/demo/communes-demo.l93.geojson"
        let result = propice("convert \(demo) \(folder.file("demo.gpkg"))")
        #expect(result.status == 0)
        #expect(result.stderr == "\(folder.file("demo.gpkg")): 6 features, EPSG:2154 → EPSG:2154, GeoPackage\n")
    }

    @Test("bad input: exit code 1, one line naming file, feature and byte, previous output kept")
    func badInput() throws {
        try #require(access(Self.executable, X_OK) == 0, "build propice first: \(Self.executable)")
        folder.write("out.geojson", "previous")
        let head = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":"#
        let bad = folder.write("bad.geojson", head + #"{"type":"Point","coordinates":[1,2]}}]}"#)
        let result = propice("convert \(bad) \(folder.file("out.geojson"))")
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(bad): feature 0 (byte \(head.utf8.count)): expected a Polygon or MultiPolygon geometry, found a Point\n")
        #expect(String(decoding: folder.read("out.geojson"), as: UTF8.self) == "previous")
        #expect(folder.names() == ["bad.geojson", "out.geojson"])
    }

    @Test("bad usage: exit code 64 with the reason")
    func badUsage() throws {
        try #require(access(Self.executable, X_OK) == 0, "build propice first: \(Self.executable)")
        let precision = propice("convert a.geojson b.geojson --precision 20")
        #expect(precision.status == 64)
        #expect(precision.stderr.contains("--precision must be between 0 and 15, not 20"))
        let crs = propice("convert a.geojson b.geojson --source-crs Lambert93")
        #expect(crs.status == 64)
        #expect(crs.stderr.contains("Lambert93"))
    }
}
