import Foundation
import NIOCore
import Propice
import PropiceGeometry

/// The files of a built folder as `ServedFolder` loads them: each checked against the size and
/// SHA-256 that `metadata.json` lists, and kept from the previous load when unchanged.
final class BuildFiles {
    let folder: String
    private let listed: [String: FileChecksum]
    private let previous: [String: ServedResource]
    /// Every resource made so far, by its path in the folder.
    private(set) var resources: [String: ServedResource] = [:]

    init(folder: String, listed: [String: FileChecksum], previous: [String: ServedResource]) {
        self.folder = folder
        self.listed = listed
        self.previous = previous
    }

    /// A file of the build, checked against the metadata.
    func read(_ name: String) throws -> (body: ByteBuffer, sha256: String) {
        let path = folder + "/" + name
        guard let expected = listed[name] else {
            throw InputError(file: path, message: "metadata.json does not list this file: the build did not write it")
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(file: path, message: "listed in metadata.json but missing: the folder is half-written or was altered; build it again")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == expected.bytes,
              let body = ServedFolder.contents(of: path, sizes: expected.bytes...expected.bytes),
              body.withUnsafeReadableBytes({ FileChecksum(of: $0) }) == expected else {
            throw InputError(file: path, message: "differs from what metadata.json lists (size or SHA-256): the folder is being "
                             + "rewritten or was altered; reload once the build has finished")
        }
        return (body, expected.sha256)
    }

    /// A file of the build as a resource: the previous load's when the file is unchanged.
    func resource(_ name: String, contentType: String, cacheControl: String, ranges: Bool = false) throws -> ServedResource {
        let file = try read(name)
        if let known = previous[name], known.sha256 == file.sha256, known.cacheControl == cacheControl, known.ranges == ranges {
            resources[name] = known
            return known
        }
        let loaded = ServedResource(body: file.body, contentType: contentType, cacheControl: cacheControl, sha256: file.sha256, ranges: ranges)
        resources[name] = loaded
        return loaded
    }
}
