import Foundation
import Testing
@testable import Propice
@testable import PropiceGeometry
@testable import PropiceServer
import PropiceTestSupport

/// `propice serve` on the demo's build with its vector tiles: the archive by HTTP ranges as a
/// static host serves it, the tiles one by one, and the style drawing from them.
@Suite("propice serve: the vector tiles")
struct ServerTilesTests {
    func file(_ name: String) throws -> [UInt8] { TemporaryFolder.read(path: try ServedDemo.folder() + "/" + name) }

    @Test("the archive by ranges: 206 with Content-Range, the last bytes, 416 beyond the end, the whole for other ranges or versions")
    func ranges() async throws {
        let archive = try file("propice.pmtiles")
        let server = try await RunningServer(folder: try ServedDemo.folder())
        let head = try await server.request("/propice.pmtiles", headers: [("Range", "bytes=0-126"), ("Accept-Encoding", "gzip")])
        #expect(head.status == 206)
        #expect(head.headers["Content-Range"].first == "bytes 0-126/\(archive.count)")
        #expect(head.headers["Accept-Ranges"].first == "bytes")
        #expect(head.headers["Content-Encoding"].isEmpty, "a part is never gzip-encoded")
        #expect(head.body == Array(archive.prefix(127)))
        let tail = try await server.request("/propice.pmtiles", headers: [("Range", "bytes=-10")])
        #expect(tail.status == 206 && tail.body == Array(archive.suffix(10)))
        let open = try await server.request("/propice.pmtiles", headers: [("Range", "bytes=100-")])
        #expect(open.status == 206 && open.body == Array(archive[100...]))
        let long = try await server.request("/propice.pmtiles", headers: [("Range", "bytes=10-99999999999999999999999")])
        #expect(long.status == 206 && long.body == Array(archive[10...]), "a last byte beyond the end is the end")
        let beyond = try await server.request("/propice.pmtiles", headers: [("Range", "bytes=\(archive.count)-")])
        #expect(beyond.status == 416 && beyond.headers["Content-Range"].first == "bytes */\(archive.count)")
        let tag = try #require(head.headers["ETag"].first)
        let same = try await server.request("/propice.pmtiles", headers: [("Range", "bytes=5-9"), ("If-Range", tag)])
        #expect(same.status == 206 && same.body == Array(archive[5...9]))
        for (name, value) in [("Range", "bytes=9-5"), ("Range", "bytes=0-1,5-6"), ("Range", "lines=1-2"), ("Range", "bytes=x-")] {
            let whole = try await server.request("/propice.pmtiles", headers: [(name, value)])
            #expect(whole.status == 200 && whole.body == archive, "\(name): \(value) is ignored")
        }
        let other = try await server.request("/propice.pmtiles", headers: [("Range", "bytes=5-9"), ("If-Range", "\"autre\"")])
        #expect(other.status == 200 && other.body == archive, "If-Range of another version: the whole archive")
        let cached = try await server.request("/propice.pmtiles", headers: [("If-None-Match", tag)])
        #expect(cached.status == 304 && cached.body.isEmpty)
        for name in ["style.json", "sprite.json", "sprite.png", "sprite@2x.json", "sprite@2x.png"] {
            let reply = try await server.request("/" + name), expected = try file(name)
            #expect(reply.status == 200 && reply.body == expected, "\(name) as built")
        }
        try await server.stop()

        for (header, size, expected) in [("bytes=0-0", 10, ByteRange.satisfiable(0...0)), ("bytes=-20", 10, .satisfiable(0...9)),
                                         ("bytes=-0", 10, .unsatisfiable), ("bytes=0-", 0, .unsatisfiable), ("bytes=", 10, .ignored),
                                         (" Bytes = 2-3 ", 10, .ignored), ("bytes=2-3", 10, .satisfiable(2...3))] {
            #expect(ByteRange(header: header, size: size) == expected, "\(header) of \(size) bytes")
        }
    }

    @Test("each tile at /api/v1/tuiles/{z}/{x}/{y}.mvt is the archive's: gzip when asked, plain otherwise, 204 where nothing is drawn")
    func tiles() async throws {
        let archive = try file("propice.pmtiles")
        let reader = try archive.withUnsafeBytes { try PMTilesReader($0, file: "propice.pmtiles") }
        // The tiles of zoom 6 to 8 that hold something, found by the reader; their neighbours hold nothing.
        var stored: [(z: Int, x: Int, y: Int, bytes: [UInt8])] = [], empty: [(z: Int, x: Int, y: Int)] = []
        for z in 6...8 {
            for y in 0..<(1 << z) {
                for x in 0..<(1 << z) {
                    if let range = try reader.tile(zoom: z, x: x, y: y) { stored.append((z, x, y, Array(archive[range]))) }
                }
            }
        }
        #expect(stored.count > 3)
        for tile in stored where tile.x > 0 && !stored.contains(where: { $0.z == tile.z && $0.x == tile.x - 1 && $0.y == tile.y }) {
            empty.append((tile.z, tile.x - 1, tile.y))
        }
        #expect(!empty.isEmpty)
        let server = try await RunningServer(folder: try ServedDemo.folder())
        for tile in stored {
            let path = "/api/v1/tuiles/\(tile.z)/\(tile.x)/\(tile.y).mvt"
            let zipped = try await server.request(path, headers: [("Accept-Encoding", "gzip")])
            #expect(zipped.status == 200 && zipped.headers["Content-Encoding"].first == "gzip" && zipped.body == tile.bytes, "\(path)")
            #expect(zipped.headers["Content-Type"].first == "application/vnd.mapbox-vector-tile")
            let plain = try await server.request(path)
            #expect(plain.status == 200 && plain.headers["Content-Encoding"].isEmpty)
            let inflated = try tile.bytes.withUnsafeBytes { try Inflater.gunzip($0, limit: 1 << 24, file: path) }
            #expect(plain.body == inflated, "\(path) plain is the stored tile inflated")
            #expect(plain.body.first == 0x1A, "\(path) starts with a layer (field 3)")
            let tag = try #require(zipped.headers["ETag"].first)
            let cached = try await server.request(path, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", tag)])
            #expect(cached.status == 304)
        }
        for tile in empty {
            let reply = try await server.request("/api/v1/tuiles/\(tile.z)/\(tile.x)/\(tile.y).mvt")
            #expect(reply.status == 204 && reply.body.isEmpty, "\(tile) holds nothing")
        }
        for (path, status, words) in [("/api/v1/tuiles/13/0/0.mvt", 404, "niveau 13"), ("/api/v1/tuiles/4/16/0.mvt", 404, "hors de la grille"),
                                      ("/api/v1/tuiles/4/1/1.pbf", 400, "{z}/{x}/{y}.mvt"), ("/api/v1/tuiles/-1/0/0.mvt", 400, "entiers"),
                                      ("/api/v1/tuiles/4/99999999/0.mvt", 400, "entiers"), ("/api/v1/tuiles/4/+1/0.mvt", 400, "entiers")] {
            let reply = try await server.request(path)
            #expect(reply.status == status && reply.text.contains(words), "\(path): \(reply.status) \(reply.text)")
        }
        try await server.stop()
    }

    @Test("/api/v1/style.json is the built style drawing from this server, named by its Host, https behind a proxy that says so")
    func style() async throws {
        let built = try #require(try JSONSerialization.jsonObject(with: Data(try file("style.json"))) as? [String: Any])
        let server = try await RunningServer(folder: try ServedDemo.folder())
        let reply = try await server.request("/api/v1/style.json", headers: [("Host", "cartes.example:8080")])
        let style = try reply.json()
        let source = try #require((style["sources"] as? [String: Any])?["propice"] as? [String: Any])
        #expect(source["tiles"] as? [String] == ["http://cartes.example:8080/api/v1/tuiles/{z}/{x}/{y}.mvt"])
        #expect(source["url"] == nil && source["minzoom"] as? Int == 0 && source["maxzoom"] as? Int == 12)
        #expect(style["sprite"] as? String == "http://cartes.example:8080/sprite")
        #expect((style["layers"] as? [[String: Any]])?.count == (built["layers"] as? [[String: Any]])?.count)
        #expect(source["attribution"] as? String == ((built["sources"] as? [String: Any])?["propice"] as? [String: Any])?["attribution"] as? String)
        let proxied = try await server.request("/api/v1/style.json", headers: [("Host", "cartes.example"), ("X-Forwarded-Proto", "https")])
        #expect(try proxied.json()["sprite"] as? String == "https://cartes.example/sprite")
        let forged = try await server.request("/api/v1/style.json", headers: [("Host", "a\"b")])
        #expect(forged.status == 400 && forged.text.contains("Host"))
        try await server.stop()
    }
}
