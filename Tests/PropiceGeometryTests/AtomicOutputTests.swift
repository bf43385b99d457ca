import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Output files")
struct AtomicOutputTests {
    let folder = TemporaryFolder()

    @Test("missing output folders are created")
    func createsFolders() throws {
        let writer = try GeoJSONWriter(path: folder.file("a/b/out.geojson"))
        try writer.finish()
        #expect(TemporaryFolder.read(path: folder.file("a/b/out.geojson")) == Array(#"{"type":"FeatureCollection","features":[]}"#.utf8) + [0x0A])
    }

    @Test("timestamps are UTC calendar dates", arguments: [
        (0, "1970-01-01T00:00:00.000Z"), (951_782_400, "2000-02-29T00:00:00.000Z"), (1_735_689_599, "2024-12-31T23:59:59.000Z"),
        (-1, "1969-12-31T23:59:59.000Z"),
    ])
    func timestamps(seconds: Int, expected: String) {
        #expect(FileTimestamp.iso8601(secondsSince1970: seconds) == expected)
    }
}
