import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// Files that are not regular files (a named pipe, a device, a socket, a link to one) are
/// refused at once by every reader, never read or waited on.
@Suite("Inputs that are not regular files")
struct NonRegularFileTests {
    /// A folder holding a named pipe, a socket, links to them and to /dev/urandom.
    static func specialFiles() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try #require(mkfifo(folder.file("tube"), 0o600) == 0)
        try #require(symlink(folder.file("tube"), folder.file("lien-tube")) == 0)
        try #require(symlink("/dev/urandom", folder.file("aleatoire")) == 0)
        let socketPath = folder.file("prise")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            for (i, byte) in socketPath.utf8.prefix(path.count - 1).enumerated() { path[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(fd)
        try #require(bound == 0)
        return folder
    }

    @Test("tables, YAML, GeoJSON, GeoPackage, zip archives and workbooks refuse a pipe, a device, a socket and links to them")
    func refusedEverywhere() throws {
        let folder = try Self.specialFiles()
        let cases: [(String, String)] = [
            ("tube", "is a named pipe (FIFO), not a regular file"), ("lien-tube", "is a named pipe (FIFO), not a regular file"),
            ("aleatoire", "is a character device, not a regular file"), ("prise", "is a socket, not a regular file"),
        ]
        for (name, message) in cases {
            let path = folder.file(name)
            #expect(inputError { _ = try TextTable(path: path) }?.description == "\(path): \(message)")
            #expect(inputError { _ = try FileContents.read(path) }?.description == "\(path): \(message)")
            #expect(inputError { _ = try GeoJSONReader(path: path) }?.description == "\(path): \(message)")
            #expect(inputError { _ = try GeoPackageReader(path: path) }?.description == "\(path): \(message)")
            #expect(inputError { _ = try TextTable(path: path, in: .zipMember("table.csv")) }?.description == "\(path): \(message)")
            #expect(inputError { _ = try TextTable(path: path, in: .sheet("Feuille", headerRow: 1)) }?.message.hasSuffix(message) == true)
            #expect(inputError { _ = try ProjectConfiguration.load(path: path) }?.description == "\(path): \(message)")
        }
    }

    @Test("a build whose commune polygons are a link to /dev/urandom stops at once with the file named, its outputs whole")
    func buildRefusesADevice() throws {
        let project = DemoProjectCopy()
        try project.copyFinishedBuild()
        let before = BuiltOutput(folder: project.output).files()
        let polygons = project.folder.file("data/communes.l93.geojson")
        try #require(unlink(polygons) == 0 && symlink("/dev/urandom", polygons) == 0)
        #expect(inputError { _ = try project.build() }?.description == "\(polygons): is a character device, not a regular file")
        #expect(BuiltOutput(folder: project.output).files() == before)
    }
}
