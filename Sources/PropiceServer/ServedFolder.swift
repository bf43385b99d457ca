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
    /// Each EPCI's sheet (`territoires/<SIREN>.html`), by SIREN, when the build wrote them.
    let sheets: [String: ServedResource]
    /// Each model, ready to be scored again with other weights, by id.
    let scoring: [String: PublishedScoring]
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
    /// The vector tiles and their style, when the build wrote them.
    let tiles: ServedTiles?
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
        let (metadata, metadataBody, metadataChecksum) = try Self.loadMetadata(of: folder)
        self.metadata = metadata
        build = String(metadataChecksum.prefix(16))
        metadataFile = ServedResource(body: metadataBody, contentType: "application/json", cacheControl: "no-cache", sha256: metadataChecksum)
        let cached = "public, max-age=\(maxAge)"
        let files = BuildFiles(folder: folder, listed: metadata.outputs, previous: previous?.files ?? [:])
        legend = try files.resource("legend.json", contentType: "application/json", cacheControl: cached)
        (index, territories) = try Self.loadTerritories(files, cacheControl: cached)
        var sheets: [String: ServedResource] = [:]
        for entry in index.index.epci where metadata.outputs["territoires/\(entry.code).html"] != nil {
            sheets[entry.code] = try files.resource("territoires/\(entry.code).html", contentType: "text/html; charset=utf-8", cacheControl: cached)
        }
        self.sheets = sheets
        scoring = try Self.loadScoring(folder: folder, metadata: metadata, index: index.index, territories: territories, previous: previous)
        bands = metadata.bands.map(\.name)
        layerNames = metadata.models.map(\.id) + ["communes", "departements"]
        guard metadata.outputs.keys.contains(where: { $0.hasSuffix(".geojson") }) else {
            throw InputError(file: folder, message: "this build has no GeoJSON layers: add geojson to build.formats and build again")
        }
        var layers: [String: ServedResource] = [:]
        for layer in layerNames {
            for band in bands {
                layers[Self.key(layer: layer, band: band, format: .geojson)] =
                    try files.resource(Self.objectName(layer: layer, band: band) + ".geojson", contentType: "application/geo+json", cacheControl: cached)
            }
        }
        topoJSON = try Self.loadTopoJSON(files, listed: metadata.outputs["propice.topojson"], layerNames: layerNames, bands: bands,
                                         maxAge: maxAge, previous: previous)
        layers.merge(topoJSON?.layers ?? [:]) { $1 }
        self.layers = layers
        var assets: [String: ServedResource] = [:]
        for name in metadata.outputs.keys where name.hasPrefix("leaflet/") {
            assets[name] = try files.resource(name, contentType: Self.contentType(of: name), cacheControl: "public, max-age=86400")
        }
        self.assets = assets
        tiles = metadata.outputs["propice.pmtiles"] == nil ? nil : try ServedTiles(files, build: build, cacheControl: cached)
        self.files = files.resources
        page = assets["leaflet/leaflet.js"] == nil ? nil
            : ServedResource(body: ByteBuffer(string: MapPageTemplate.servedPage(title: metadata.mapTitle, notice: metadata.notice)),
                             contentType: "text/html; charset=utf-8", cacheControl: "no-cache")
    }

    /// The folder's `metadata.json`: decoded, its bytes, and their SHA-256.
    private static func loadMetadata(of folder: String) throws -> (BuildMetadata, ByteBuffer, String) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(file: folder, message: "no such folder: give the output folder of propice build", remedy: .giveBuiltFolder)
        }
        let path = folder + "/metadata.json"
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG || Int(info.st_size) > maximumMetadataSize {
            throw InputError(file: path, message: "not a regular file of at most \(maximumMetadataSize >> 20) MiB: not the metadata.json of a propice build")
        }
        guard let body = contents(of: path, sizes: 1...maximumMetadataSize) else {
            throw InputError(file: path, message: "missing: this is not the folder of a finished propice build "
                             + "(the build writes metadata.json last); run propice build, or wait for it to finish")
        }
        do {
            let metadata = try JSONDecoder().decode(BuildMetadata.self, from: Data(body.readableBytesView))
            return (metadata, body, body.withUnsafeReadableBytes { FileChecksum(of: $0) }.sha256)
        } catch {
            throw InputError(file: path, message: "not the metadata.json of a propice build: \(error)")
        }
    }

    /// The index of the EPCI, and each EPCI's record by SIREN.
    private static func loadTerritories(_ files: BuildFiles, cacheControl: String) throws -> (TerritoryQuery, [String: ServedResource]) {
        let indexFile = try files.read("territoires/index.json")
        let territoryIndex: TerritoryIndex
        do {
            territoryIndex = try JSONDecoder().decode(TerritoryIndex.self, from: Data(indexFile.body.readableBytesView))
        } catch {
            throw InputError(file: files.folder + "/territoires/index.json", message: "not an index of EPCI written by propice build: \(error)")
        }
        var territories: [String: ServedResource] = [:]
        for entry in territoryIndex.epci {
            territories[entry.code] = try files.resource("territoires/\(entry.code).json", contentType: "application/json", cacheControl: cacheControl)
        }
        return (TerritoryQuery(folder: files.folder, index: territoryIndex), territories)
    }

    /// Each model ready to be scored again, from the records decoded in the index's order: the
    /// previous load's when the models and every record are unchanged (a build that changed
    /// only its borders), so that such a reload decodes no record.
    private static func loadScoring(folder: String, metadata: BuildMetadata, index: TerritoryIndex, territories: [String: ServedResource],
                                    previous: ServedFolder?) throws -> [String: PublishedScoring] {
        func models(_ metadata: BuildMetadata) -> [[String]] { metadata.models.map { [$0.id, $0.definition] + $0.leftOut.map(\.id) } }
        if let previous, models(previous.metadata) == models(metadata), previous.index.index.epci.map(\.code) == index.epci.map(\.code),
           index.epci.allSatisfy({ previous.territories[$0.code]?.sha256 == territories[$0.code]?.sha256 }) {
            return previous.scoring
        }
        let decoder = JSONDecoder(), files = index.epci.map { folder + "/territoires/\($0.code).json" }
        let records = try zip(index.epci, files).map { entry, file in
            guard let resource = territories[entry.code] else { throw InputError(file: file, message: "not loaded") }
            do {
                return try decoder.decode(TerritoryRecord.self, from: Data(resource.identity.readableBytesView))
            } catch {
                throw InputError(file: file, message: "not a territory record written by propice build: \(error)")
            }
        }
        var scoring: [String: PublishedScoring] = [:]
        for entry in metadata.models {
            guard scoring[entry.id] == nil else { throw InputError(file: folder + "/metadata.json", message: "model \(entry.id) is listed twice") }
            scoring[entry.id] = try PublishedScoring(model: entry, records: records, files: files, metadataFile: folder + "/metadata.json")
        }
        return scoring
    }

    /// Each layer of `propice.topojson` on its own, when the build wrote it: the previous
    /// load's when the file and the layers are unchanged.
    private static func loadTopoJSON(_ files: BuildFiles, listed: FileChecksum?, layerNames: [String], bands: [String], maxAge: Int,
                                     previous: ServedFolder?) throws -> (sha256: String, layers: [String: ServedResource])? {
        guard let listed else { return nil }
        if let known = previous?.topoJSON, known.sha256 == listed.sha256, previous?.maxAge == maxAge,
           previous?.layerNames == layerNames, previous?.bands == bands {
            return known
        }
        let pairs = layerNames.flatMap { layer in bands.map { (layer, $0) } }
        // The file's bytes go as soon as the subsets are made, and each subset once copied.
        var (sha256, subsets) = try { () throws -> (String, [[UInt8]]) in
            let file = try files.read("propice.topojson")
            return (file.sha256, try file.body.withUnsafeReadableBytes {
                try TopoJSONSubset.extract($0, path: files.folder + "/propice.topojson", objects: pairs.map { [objectName(layer: $0.0, band: $0.1)] })
            })
        }()
        var layers: [String: ServedResource] = [:]
        for (i, (layer, band)) in pairs.enumerated() {
            layers[key(layer: layer, band: band, format: .topojson)] =
                ServedResource(body: ByteBuffer(bytes: subsets[i]), contentType: "application/json", cacheControl: "public, max-age=\(maxAge)")
            subsets[i] = []
        }
        return (sha256, layers)
    }

    /// The name of a band's layer in the build's files.
    private static func objectName(layer: String, band: String) -> String {
        switch layer {
        case "communes": LayerName.communes(band: band)
        case "departements": LayerName.departements(band: band)
        default: LayerName.epci(model: layer, band: band)
        }
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
        case "pmtiles": "application/vnd.pmtiles"
        default: "text/plain; charset=utf-8"
        }
    }
}
