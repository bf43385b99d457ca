import Foundation
import Propice
import PropiceGeometry

/// A built folder as `propice publish` reads it: `metadata.json` first, then every file
/// published checked against the size and SHA-256 it lists, as `propice serve` checks them, so
/// that a folder half-written, being rewritten or altered is refused before the database is
/// touched.
struct PublishedFolder {
    let folder: String
    let metadata: BuildMetadata
    let metadataBytes: [UInt8]
    /// The first 16 hex digits of `metadata.json`'s SHA-256, as `propice serve` names the build.
    let build: String
    let geoPackage: GeoPackageContents
    private let geoPackageIdentity: FileIdentity

    init(folder: String) throws {
        self.folder = folder
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(file: folder, message: "no such folder: give the output folder of propice build", remedy: .giveBuiltFolder)
        }
        let path = folder + "/metadata.json"
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, message: "missing: this is not the folder of a finished propice build "
                             + "(the build writes metadata.json last); run propice build, or wait for it to finish")
        }
        metadataBytes = try FileContents.read(path)
        metadata = try BuiltFolderFile.decode(BuildMetadata.self, bytes: metadataBytes, path: path, name: "metadata.json")
        build = String(FileChecksum(of: metadataBytes).sha256.prefix(16))
        let gpkg = folder + "/propice.gpkg"
        guard let listed = metadata.outputs["propice.gpkg"] else {
            throw InputError(file: gpkg, message: "this build wrote no GeoPackage, which propice publish copies: add gpkg to build.formats and build again")
        }
        geoPackageIdentity = try FileIdentity(path: gpkg)
        guard (try? FileChecksum(path: gpkg)) == listed else { throw Self.differs(gpkg) }
        geoPackage = try GeoPackageContents(path: gpkg)
    }

    /// A file of the build, read whole and checked against the metadata.
    func read(_ name: String) throws -> [UInt8] {
        let path = folder + "/" + name
        guard let listed = metadata.outputs[name] else {
            throw InputError(file: path, message: "metadata.json does not list this file: the build did not write it")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, message: "listed in metadata.json but missing: the folder is half-written or was altered; build it again")
        }
        let bytes = try FileContents.read(path)
        guard FileChecksum(of: bytes) == listed else { throw Self.differs(path) }
        return bytes
    }

    /// A JSON file of the build, checked against the metadata and decoded.
    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try BuiltFolderFile.decode(type, bytes: try read(name), path: folder + "/" + name, name: name)
    }

    /// Throws if the GeoPackage was replaced since it was checked (a build finishing meanwhile).
    func checkGeoPackageUnchanged() throws {
        let path = folder + "/propice.gpkg"
        guard (try? FileIdentity(path: path)) == geoPackageIdentity else { throw Self.differs(path) }
    }

    /// The files of the targets' allocations, as (programme, `epci` or `departements`, file name).
    var allocationFiles: [(programme: String, level: String, file: String)] {
        metadata.outputs.keys.sorted().compactMap { name in
            guard name.hasPrefix("allocation_"), name.hasSuffix(".csv"), !name.contains("/") else { return nil }
            let stem = name.dropFirst("allocation_".count).dropLast(".csv".count)
            for level in ["epci", "departements"] where stem.hasSuffix("_" + level) {
                return (String(stem.dropLast(level.count + 1)), level, name)
            }
            return nil
        }
    }

    private static func differs(_ path: String) -> InputError {
        InputError(file: path, message: "differs from what metadata.json lists (size or SHA-256): the folder is being "
                   + "rewritten or was altered; publish once the build has finished")
    }
}

/// A file's device, inode, size and modification time: a build replaces its files by renaming
/// new ones into place, so an unchanged identity is an unchanged file.
private struct FileIdentity: Equatable {
    var device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int

    init(path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw InputError(file: path, message: "missing: the folder is half-written; build it again") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw InputError(file: path, message: "not a regular file") }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        seconds = info.st_mtim.tv_sec
        nanoseconds = info.st_mtim.tv_nsec
    }
}
