import Foundation
import Testing
@testable import Propice
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A rebuild keeps the files whose bytes it would write again (`StagedOutput`, `IdenticalFile`)
/// and replaces every other: one altered, a link, a file with a second name, one missing.
@Suite("propice build: files unchanged are kept")
struct KeptFilesTests {
    /// The inode of the file at `path` (not following a link), nil when there is none.
    static func inode(_ path: String) -> UInt? {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt(info.st_ino) : nil
    }

    @Test("a rebuild keeps the unchanged records, rewrites the metadata, and restores what was altered, linked or removed")
    func rebuildKeepsUnchangedFiles() throws {
        let project = DemoProjectCopy()
        _ = try project.build()
        let output = project.output
        let reference = BuiltOutput(folder: output).files()
        let records = reference.keys.filter { $0.hasPrefix("territoires/") && $0.hasSuffix(".json") }.sorted()
        try #require(records.count >= 6)
        let inodes = Dictionary(uniqueKeysWithValues: reference.keys.map { ($0, Self.inode(output + "/" + $0)) })

        // One record altered (a byte, same size), one a link to a copy of itself, one given a
        // second name, a fourth one deleted.
        let altered = records[0], linked = records[1], named = records[2], deleted = records[3]
        var bytes = try #require(reference[altered])
        bytes[bytes.count / 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: output + "/" + altered))
        try Data(try #require(reference[linked])).write(to: URL(fileURLWithPath: project.folder.file("copy.json")))
        unlink(output + "/" + linked)
        #expect(symlink(project.folder.file("copy.json"), output + "/" + linked) == 0)
        #expect(link(output + "/" + named, project.folder.file("second-name.json")) == 0)
        unlink(output + "/" + deleted)
        _ = try project.build()

        #expect(BuiltOutput(folder: output).files() == reference, "the rebuild gives the same bytes")
        let rewritten: Set = [altered, linked, named, deleted, "metadata.json"]
        for record in records where !rewritten.contains(record) {
            #expect(Self.inode(output + "/" + record) == inodes[record], "\(record) is kept")
        }
        for name in rewritten.subtracting([deleted]) {
            #expect(Self.inode(output + "/" + name) != inodes[name], "\(name) is written again")
        }
        var info = stat()
        #expect(lstat(output + "/" + linked, &info) == 0 && info.st_mode & S_IFMT == S_IFREG, "the link is replaced by a file")
        #expect(try Data(contentsOf: URL(fileURLWithPath: project.folder.file("second-name.json"))) == Data(try #require(reference[named])),
                "the file's other name still has what it had")
    }
}
