import Dispatch
import Foundation
import Synchronization
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

    @Test("a finished file replaces a previous one by exchange, the previous one handed back at the source's path")
    func replacesByExchange() throws {
        let source = folder.write("new", "new content"), destination = folder.write("out", "previous content")
        #expect(FileReplacement.move(source, onto: destination) == .exchanged)
        #expect(TemporaryFolder.read(path: destination) == Array("new content".utf8))
        #expect(TemporaryFolder.read(path: source) == Array("previous content".utf8))
        let fresh = folder.write("fresh", "fresh content")
        #expect(FileReplacement.move(fresh, onto: folder.file("absent")) == .renamed)
        #expect(TemporaryFolder.read(path: folder.file("absent")) == Array("fresh content".utf8))
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test("a folder where the output goes is neither replaced nor taken: the move fails and loses nothing")
    func keepsAFolder() throws {
        let source = folder.write("new", "new content")
        try FileManager.default.createDirectory(atPath: folder.file("out"), withIntermediateDirectories: false)
        let inside = folder.write("out/kept", "kept")
        #expect(FileReplacement.move(source, onto: folder.file("out")) == nil)
        #expect(errno == EISDIR)
        #expect(TemporaryFolder.read(path: inside) == Array("kept".utf8))
        #expect(TemporaryFolder.read(path: source) == Array("new content".utf8))
        // The atomic writer reports it, and leaves no temporary file behind.
        #expect(throws: OutputError.self) { try AtomicOutput.write(Array("x".utf8), to: folder.file("out")) }
        #expect(folder.names() == ["new", "out"])
    }

    @Test("a reader of a file written again and again always finds a whole version, never none")
    func readersFindAWholeFile() throws {
        let path = folder.file("out.txt"), versions = (0..<50).map { Array(String(repeating: "\($0 % 10)", count: 4096 + $0).utf8) }
        try AtomicOutput.write(versions[0], to: path)
        // A thread of its own: the tests' cooperative threads may all be busy.
        let tally = ReaderTally(), finished = DispatchSemaphore(value: 0)
        Thread {
            while !tally.done.load(ordering: .relaxed) {
                if !versions.contains(TemporaryFolder.read(path: path)) { tally.bad.add(1, ordering: .relaxed) }
                tally.reads.add(1, ordering: .relaxed)
            }
            finished.signal()
        }.start()
        // Written until the reader has read a few hundred times, however late it started.
        var written = 0
        let deadline = ContinuousClock.now + .seconds(60)
        while tally.reads.load(ordering: .relaxed) < 300 || written < versions.count, ContinuousClock.now < deadline {
            try AtomicOutput.write(versions[written % versions.count], to: path)
            written += 1
        }
        tally.done.store(true, ordering: .relaxed)
        finished.wait()
        #expect(tally.reads.load(ordering: .relaxed) >= 300)
        #expect(tally.bad.load(ordering: .relaxed) == 0)
        #expect(folder.names() == ["out.txt"])
    }

    /// What the reader of `readersFindAWholeFile` counts.
    private final class ReaderTally: Sendable {
        let done = Atomic<Bool>(false), reads = Atomic<Int>(0), bad = Atomic<Int>(0)
    }

    @Test("timestamps are UTC calendar dates", arguments: [
        (0, "1970-01-01T00:00:00.000Z"), (951_782_400, "2000-02-29T00:00:00.000Z"), (1_735_689_599, "2024-12-31T23:59:59.000Z"),
        (-1, "1969-12-31T23:59:59.000Z"),
    ])
    func timestamps(seconds: Int, expected: String) {
        #expect(FileTimestamp.iso8601(secondsSince1970: seconds) == expected)
    }
}
