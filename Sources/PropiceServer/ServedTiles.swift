import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import Propice
import PropiceGeometry

/// The vector tiles of a build as `propice serve` gives them: the archive `propice.pmtiles`
/// by ranges, as a static host serves it to PMTiles readers; each tile at
/// `/api/v1/tuiles/{z}/{x}/{y}.mvt`, found in the archive's directories; the style and its
/// sprite as built; and at `/api/v1/style.json` the same style drawing from this server's tiles.
final class ServedTiles: Sendable {
    /// The files of the tiles in a build, served as they are.
    static let files = ["propice.pmtiles", "style.json", "sprite.json", "sprite.png", "sprite@2x.json", "sprite@2x.png"]
    /// What stands for this server's address in the served style, replaced in each response.
    static let originMarker = "https://origine.propice.invalid"

    let build: String
    let archive: ServedResource
    let reader: PMTilesReader
    /// The style and the sprite, by name.
    let resources: [String: ServedResource]
    /// The style with its source and sprite on this server, `originMarker` for its address.
    let servedStyle: String

    init(_ files: BuildFiles, build: String, cacheControl: String) throws {
        self.build = build
        var resources: [String: ServedResource] = [:]
        for name in Self.files {
            resources[name] = try files.resource(name, contentType: ServedFolder.contentType(of: name), cacheControl: cacheControl,
                                                 ranges: name.hasSuffix(".pmtiles"))
        }
        guard let archive = resources["propice.pmtiles"], let style = resources["style.json"] else {
            throw InputError(file: files.folder, message: "the tiles' files were not loaded")
        }
        self.archive = archive
        self.resources = resources
        let path = files.folder + "/propice.pmtiles"
        reader = try archive.identity.withUnsafeReadableBytes { try PMTilesReader($0, file: path) }
        guard reader.header.tileType == 1, [1, 2].contains(reader.header.tileCompression) else {
            throw InputError(file: path, message: "tiles of type \(reader.header.tileType) compressed with method "
                             + "\(reader.header.tileCompression): propice serves vector tiles, gzip-compressed or not")
        }
        servedStyle = try Self.served(style: style.identity, header: reader.header, file: files.folder + "/style.json")
    }

    /// The built style with its source read from `/api/v1/tuiles` and its sprite from this server.
    static func served(style: ByteBuffer, header: PMTilesReader.Header, file: String) throws -> String {
        guard var json = try? JSONSerialization.jsonObject(with: Data(style.readableBytesView)) as? [String: Any],
              var sources = json["sources"] as? [String: Any],
              var source = sources[MapLibreStyle.sourceName] as? [String: Any] else {
            throw InputError(file: file, message: "not a MapLibre style written by propice build (no source \(MapLibreStyle.sourceName))")
        }
        source["url"] = nil
        source["tiles"] = [originMarker + APIRoute.tiles.absolute + "/{z}/{x}/{y}.mvt"]
        source["minzoom"] = header.minZoom
        source["maxzoom"] = header.maxZoom
        sources[MapLibreStyle.sourceName] = source
        json["sources"] = sources
        json["sprite"] = originMarker + "/sprite"
        let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// `GET /api/v1/style.json`: the style drawing from this server, named by the request's
    /// `Host` (and `X-Forwarded-Proto` behind a proxy).
    func style(_ request: Request) throws -> Response {
        guard let host = request.head.authority, !host.isEmpty, host.utf8.count <= 255,
              host.utf8.allSatisfy({ Self.hostBytes.contains($0) }) else {
            throw APIError(.badRequest, "l'en-tête Host manque ou est malformé : le style nomme le serveur par lui")
        }
        let scheme = request.headers[Self.forwardedProto]?.lowercased() == "https" ? "https" : "http"
        let body = servedStyle.replacingOccurrences(of: Self.originMarker, with: "\(scheme)://\(host)")
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache", .vary: "Host, X-Forwarded-Proto"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    /// The bytes of a host and port: letters, digits, `.`, `-`, `:`, and the brackets of an IPv6 address.
    static let hostBytes = Set(Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]".utf8))

    /// `GET /api/v1/tuiles/{z}/{x}/{y}.mvt`: the tile, gzip-encoded when the request accepts
    /// it; 204 for a tile of the grid the archive has not (nothing drawn there).
    func tile(z: String, x: String, file: String, request: Request) throws -> Response {
        guard file.hasSuffix(".mvt"), let zoom = Self.coordinate(z, digits: 2), let column = Self.coordinate(x, digits: 7),
              let row = Self.coordinate(String(file.dropLast(4)), digits: 7) else {
            throw APIError(.badRequest, "une tuile est \(APIRoute.tiles.absolute)/{z}/{x}/{y}.mvt, z, x et y entiers")
        }
        let header = reader.header
        guard (header.minZoom...header.maxZoom).contains(zoom) else {
            throw APIError(.notFound, "aucune tuile au niveau \(zoom) : l'archive va du niveau \(header.minZoom) au niveau \(header.maxZoom)")
        }
        guard column < 1 << zoom, row < 1 << zoom else {
            throw APIError(.notFound, "la tuile \(zoom)/\(column)/\(row) est hors de la grille : x et y vont de 0 à \((1 << zoom) - 1) au niveau \(zoom)")
        }
        let range = try reader.tile(zoom: zoom, x: column, y: row)
        let zipped = reader.header.tileCompression == 2
        let gzip = zipped && ServedResource.acceptsGzip(request.headers[.acceptEncoding])
        let tag = "\"\(build)-\(zoom)-\(column)-\(row)\(gzip ? "-gzip" : "")\""
        var headers: HTTPFields = [.contentType: "application/vnd.mapbox-vector-tile", .cacheControl: archive.cacheControl, .eTag: tag,
                                   .vary: "Accept-Encoding"]
        if let wanted = request.headers[.ifNoneMatch], ServedResource.matches(wanted, tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        guard let range, let stored = archive.identity.getSlice(at: archive.identity.readerIndex + range.lowerBound, length: range.count) else {
            return Response(status: .noContent, headers: headers)
        }
        if gzip { headers[.contentEncoding] = "gzip" }
        let body = !zipped || gzip ? stored
            : ByteBuffer(bytes: try stored.withUnsafeReadableBytes { try Inflater.gunzip($0, limit: Self.maximumTileSize, file: "propice.pmtiles") })
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// The most bytes a tile may inflate to.
    static let maximumTileSize = 64 << 20

    /// A tile coordinate: at most `digits` ASCII digits.
    static func coordinate(_ text: String, digits: Int) -> Int? {
        guard !text.isEmpty, text.utf8.count <= digits, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }
}
