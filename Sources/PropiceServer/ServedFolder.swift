import Foundation
import NIOCore
import Propice
import PropiceGeometry

/// A built output folder as `propice serve` gives it: every file it serves read into memory
/// once and checked against the SHA-256 that the build's `metadata.json` lists, so that a
/// folder that is missing, half-written or being rewritten is refused with a clear error
/// rather than served in part. A loaded folder never changes: a reload loads another, taking
/// from the previous one the files whose SHA-256 has not changed, already compressed.
final class ServedFolder: Sendable {
    let folder: String
    let maxAge: Int
    let metadata: BuildMetadata
    /// The first 16 hex digits of `metadata.json`'s SHA-256: which build is served.
    let build: String
    let index: TerritoryQuery
    /// Each EPCI's record, by SIREN.
    let territories: [String: ServedResource]
    /// The layers' names: the models' identifiers, `communes` and `departements`.
    let layerNames: [String]
    /// The bands' names, finest first.
    let bands: [String]
    /// Each layer of each band, by `ServedFolder.key`.
    let layers: [String: ServedResource]
    let metadataFile: ServedResource
    let legend: ServedResource
    /// The map page and the files of Leaflet beside it (`leaflet/…`), when the build wrote them.
    let page: ServedResource?
    let assets: [String: ServedResource]
    /// Every resource read from a file, by its path in the folder.
    private let files: [String: ServedResource]
    /// The TopoJSON layers, by key, and the SHA-256 of the file they come from.
    private let topoJSON: (sha256: String, layers: [String: ServedResource])?

    /// The formats of a layer.
    enum Format: String, Sendable {
        case geojson, topojson
    }

    static func key(layer: String, band: String, format: Format) -> String { "\(layer)/\(band).\(format.rawValue)" }

    /// Loads the folder; `maxAge` is the seconds a client may keep layers and records.
    init(folder: String, maxAge: Int, previous: ServedFolder? = nil) throws {
        self.folder = folder
        self.maxAge = maxAge
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(file: folder, message: "no such folder: give the output folder of propice build with --output")
        }
        let metadataPath = folder + "/metadata.json"
        var info = stat()
        if stat(metadataPath, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG || Int(info.st_size) > Self.maximumMetadataSize {
            throw InputError(file: metadataPath, message: "not a regular file of at most \(Self.maximumMetadataSize >> 20) MiB: not the metadata.json of a propice build")
        }
        guard let metadataBody = Self.contents(of: metadataPath, sizes: 1...Self.maximumMetadataSize) else {
            throw InputError(file: metadataPath, message: "missing: this is not the folder of a finished propice build "
                             + "(the build writes metadata.json last); run propice build, or wait for it to finish")
        }
        do {
            metadata = try JSONDecoder().decode(BuildMetadata.self, from: Data(metadataBody.readableBytesView))
        } catch {
            throw InputError(file: metadataPath, message: "not the metadata.json of a propice build: \(error)")
        }
        let metadataChecksum = metadataBody.withUnsafeReadableBytes { FileChecksum(of: $0) }
        build = String(metadataChecksum.sha256.prefix(16))
        let cached = "public, max-age=\(maxAge)"
        let listed = metadata.outputs

        var files: [String: ServedResource] = [:]
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
                  let body = Self.contents(of: path, sizes: expected.bytes...expected.bytes) else {
                throw InputError(file: path, message: "differs from what metadata.json lists (size or SHA-256): the folder is being "
                                 + "rewritten or was altered; reload once the build has finished")
            }
            guard body.withUnsafeReadableBytes({ FileChecksum(of: $0) }) == expected else {
                throw InputError(file: path, message: "differs from what metadata.json lists (size or SHA-256): the folder is being "
                                 + "rewritten or was altered; reload once the build has finished")
            }
            return (body, expected.sha256)
        }
        /// A file of the build as a resource: the previous load's when the file is unchanged.
        func resource(_ name: String, contentType: String, cacheControl: String) throws -> ServedResource {
            let file = try read(name)
            if let known = previous?.files[name], known.sha256 == file.sha256, known.cacheControl == cacheControl {
                files[name] = known
                return known
            }
            let loaded = ServedResource(body: file.body, contentType: contentType, cacheControl: cacheControl, sha256: file.sha256)
            files[name] = loaded
            return loaded
        }

        metadataFile = ServedResource(body: metadataBody, contentType: "application/json", cacheControl: "no-cache", sha256: metadataChecksum.sha256)
        legend = try resource("legend.json", contentType: "application/json", cacheControl: cached)

        let indexFile = try read("territoires/index.json")
        let territoryIndex: TerritoryIndex
        do {
            territoryIndex = try JSONDecoder().decode(TerritoryIndex.self, from: Data(indexFile.body.readableBytesView))
        } catch {
            throw InputError(file: folder + "/territoires/index.json", message: "not an index of EPCI written by propice build: \(error)")
        }
        index = TerritoryQuery(folder: folder, index: territoryIndex)
        var territories: [String: ServedResource] = [:]
        for entry in territoryIndex.epci {
            territories[entry.code] = try resource("territoires/\(entry.code).json", contentType: "application/json", cacheControl: cached)
        }
        self.territories = territories

        let bands = metadata.bands.map(\.name), layerNames = metadata.models.map(\.id) + ["communes", "departements"]
        self.bands = bands
        self.layerNames = layerNames
        func objectName(layer: String, band: String) -> String {
            switch layer {
            case "communes": LayerName.communes(band: band)
            case "departements": LayerName.departements(band: band)
            default: LayerName.epci(model: layer, band: band)
            }
        }
        guard listed.keys.contains(where: { $0.hasSuffix(".geojson") }) else {
            throw InputError(file: folder, message: "this build has no GeoJSON layers: add geojson to build.formats and build again")
        }
        var layers: [String: ServedResource] = [:]
        for layer in layerNames {
            for band in bands {
                layers[Self.key(layer: layer, band: band, format: .geojson)] =
                    try resource(objectName(layer: layer, band: band) + ".geojson", contentType: "application/geo+json", cacheControl: cached)
            }
        }
        if let listedTopoJSON = listed["propice.topojson"] {
            if let known = previous?.topoJSON, known.sha256 == listedTopoJSON.sha256, previous?.maxAge == maxAge,
               previous?.layerNames == layerNames, previous?.bands == bands {
                topoJSON = known
            } else {
                let pairs = layerNames.flatMap { layer in bands.map { (layer, $0) } }
                // The file's bytes go as soon as the subsets are made, and each subset once copied.
                var (sha256, subsets) = try { () throws -> (String, [[UInt8]]) in
                    let file = try read("propice.topojson")
                    return (file.sha256, try file.body.withUnsafeReadableBytes {
                        try TopoJSONSubset.extract($0, path: folder + "/propice.topojson", objects: pairs.map { [objectName(layer: $0.0, band: $0.1)] })
                    })
                }()
                var subsetLayers: [String: ServedResource] = [:]
                for (i, (layer, band)) in pairs.enumerated() {
                    subsetLayers[Self.key(layer: layer, band: band, format: .topojson)] =
                        ServedResource(body: ByteBuffer(bytes: subsets[i]), contentType: "application/json", cacheControl: cached)
                    subsets[i] = []
                }
                topoJSON = (sha256, subsetLayers)
            }
            layers.merge(topoJSON?.layers ?? [:]) { $1 }
        } else {
            topoJSON = nil
        }
        self.layers = layers

        var assets: [String: ServedResource] = [:]
        for name in listed.keys where name.hasPrefix("leaflet/") {
            assets[name] = try resource(name, contentType: Self.contentType(of: name), cacheControl: "public, max-age=86400")
        }
        self.assets = assets
        self.files = files
        page = assets["leaflet/leaflet.js"] == nil ? nil
            : ServedResource(body: ByteBuffer(string: MapPageTemplate.servedPage(title: metadata.mapTitle, notice: metadata.notice)),
                             contentType: "text/html; charset=utf-8", cacheControl: "no-cache")
    }

    /// The most bytes `metadata.json` may hold: it lists a build's files, a few hundred lines.
    static let maximumMetadataSize = 64 << 20

    /// A file's bytes, read whole when it is a regular file whose size is within `sizes`; nil
    /// when it is missing, not a regular file (a FIFO would block), or of another size, which
    /// is told from its metadata before a byte is read.
    static func contents(of path: String, sizes: ClosedRange<Int>) -> ByteBuffer? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, sizes.contains(Int(info.st_size)) else { return nil }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, sizes.contains(Int(info.st_size)) else { return nil }
        let size = Int(info.st_size)
        var body = ByteBufferAllocator().buffer(capacity: size)
        while body.readableBytes < size {
            let wanted = size - body.readableBytes
            let n = body.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { out in
                guard let start = out.baseAddress else { return 0 }
                return max(0, read(fd, start, wanted))
            }
            guard n > 0 else { return nil }
        }
        return body
    }

    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last {
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "png": "image/png"
        case "json": "application/json"
        default: "text/plain; charset=utf-8"
        }
    }
}
