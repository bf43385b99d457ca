import Foundation
import NIOHTTP1
import Testing
@testable import Propice
@testable import PropiceGeometry
@testable import PropiceServer
import PropiceTestSupport

/// `propice serve` on the demo's build: every route called over loopback with a real HTTP
/// client, the bad requests, caching, compression and CORS.
@Suite("propice serve: the routes")
struct ServerRouteTests {
    func file(_ name: String) throws -> [UInt8] { TemporaryFolder.read(path: try ServedDemo.folder() + "/" + name) }

    @Test("an EPCI's record is propice query --json's, with an entity tag and a cache lifetime")
    func territory() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        let reply = try await server.request("/api/v1/territoires/999000010")
        try await server.stop()
        #expect(reply.status == 200)
        #expect(reply.headers["Content-Type"].first == "application/json")
        #expect(reply.headers["Cache-Control"].first == "public, max-age=300")
        #expect(reply.headers["ETag"].first?.hasPrefix("\"") == true)
        let query = try TerritoryQuery(folder: try ServedDemo.folder()).record("999000010")
        #expect(reply.body == Array(query.json), "the body is the record propice query --json prints")
        #expect(try reply.json()["nom_epci"] as? String == "Métropole de Boisaac (fictif)")
    }

    @Test("a search by name or SIREN lists the EPCI propice query would consider")
    func search() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        func codes(_ text: String) async throws -> [String] {
            let reply = try await server.request("/api/v1/territoires?q=" + text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(reply.status == 200, "\(text): \(reply.text)")
            let found = try #require(try reply.json()["epci"] as? [[String: Any]])
            #expect(try reply.json()["nombre"] as? Int == found.count)
            return found.compactMap { $0["code_epci"] as? String }
        }
        #expect(try await codes("metropole de boisaac") == ["999000010"])
        #expect(try await codes("Métropole de Boisaac (fictif)") == ["999000010"])
        #expect(try await codes("999000004") == ["999000004"])
        #expect(try await codes("pays") == ["999000008", "999000011"], "two EPCI named Pays de …")
        #expect(try await codes("nulle part").isEmpty)
        let plus = try await server.request("/api/v1/territoires?q=metropole+de+boisaac")
        #expect(try plus.json()["nombre"] as? Int == 1, "+ stands for a space, as forms send it")
        try await server.stop()
    }

    @Test("layers: each model, communes and départements, per band, in GeoJSON as built")
    func geoJSONLayers() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        let finest = try await server.request("/api/v1/couches/iml.geojson")
        #expect(finest.status == 200)
        #expect(finest.headers["Content-Type"].first == "application/geo+json")
        #expect(finest.body == (try file("epci_iml_100m.geojson")), "the finest band by default")
        for (path, name) in [("pensions-de-famille.geojson?bande=500m", "epci_pensions_de_famille_500m.geojson"),
                             ("communes.geojson?bande=100m", "communes_100m.geojson"),
                             ("departements.geojson?bande=500m", "departements_500m.geojson")] {
            let reply = try await server.request("/api/v1/couches/" + path)
            #expect(reply.status == 200)
            #expect(reply.body == (try file(name)), "\(path) is \(name)")
        }
        try await server.stop()
    }

    @Test("a TopoJSON layer keeps only its arcs, renumbered, and draws the same rings as the build's file")
    func topoJSONLayers() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        let reply = try await server.request("/api/v1/couches/iml.topojson?bande=500m")
        try await server.stop()
        #expect(reply.status == 200)
        let subset = try TopoJSONDecoding(reply.body)
        let whole = try TopoJSONDecoding(try file("propice.topojson"))
        #expect(subset.objectNames == ["epci_iml_500m"])
        #expect(subset.arcCount < whole.arcCount / 4, "\(subset.arcCount) arcs of \(whole.arcCount)")
        #expect(subset.usedArcs == Set(0..<subset.arcCount), "every arc kept is used")
        let rings = try subset.rings("epci_iml_500m")
        #expect(rings.count == 12)
        #expect(rings == (try whole.rings("epci_iml_500m")), "the same rings, vertex for vertex")
        #expect(try subset.properties("epci_iml_500m") == (try whole.properties("epci_iml_500m")))
    }

    @Test("entity tags: If-None-Match gets 304 without a body; another tag gets the body")
    func conditional() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        let first = try await server.request("/api/v1/couches/departements.geojson")
        let tag = try #require(first.headers["ETag"].first)
        let again = try await server.request("/api/v1/couches/departements.geojson", headers: [("If-None-Match", tag)])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.headers["ETag"].first == tag)
        let listed = try await server.request("/api/v1/couches/departements.geojson", headers: [("If-None-Match", "\"autre\", W/\(tag)")])
        #expect(listed.status == 304, "a weak tag in a list matches")
        let other = try await server.request("/api/v1/couches/departements.geojson", headers: [("If-None-Match", "\"autre\"")])
        #expect(other.status == 200)
        #expect(other.body == first.body)
        let record = try await server.request("/api/v1/territoires/999000001")
        #expect(record.headers["ETag"].first != tag, "each resource its own tag")
        try await server.stop()
    }

    @Test("gzip when asked: a decompressing client gets the file's bytes; q=0 and no header get them plain")
    func compression() async throws {
        let folder = try ServedDemo.folder()
        let raw = try await RunningServer(folder: folder)
        let zipped = try await raw.request("/api/v1/couches/communes.geojson", headers: [("Accept-Encoding", "gzip, deflate")])
        #expect(zipped.headers["Content-Encoding"].first == "gzip")
        #expect(zipped.headers["Vary"].first == "Accept-Encoding")
        #expect(zipped.body.starts(with: [0x1F, 0x8B]), "a gzip stream")
        let original = try file("communes_100m.geojson")
        #expect(zipped.body.count * 3 < original.count, "\(zipped.body.count) bytes for \(original.count)")
        let plain = try await raw.request("/api/v1/couches/communes.geojson")
        #expect(plain.headers["Content-Encoding"].isEmpty)
        #expect(plain.body == original)
        #expect(plain.headers["ETag"].first != zipped.headers["ETag"].first, "each encoding its own tag")
        let refused = try await raw.request("/api/v1/couches/communes.geojson", headers: [("Accept-Encoding", "gzip;q=0, identity")])
        #expect(refused.headers["Content-Encoding"].isEmpty)
        #expect(refused.body == original)
        try await raw.stop()

        for (header, accepted) in [("gzip", true), ("GZIP;q=0.5", true), ("*", true), ("br, *;q=0", false), ("gzip; q=0.0", false),
                                   ("identity", false), ("x-gzip", true), ("gzip;q=0, *", false)] {
            #expect(ServedResource.acceptsGzip(header) == accepted, "Accept-Encoding: \(header)")
        }

        let decompressing = try await RunningServer(folder: folder, decompressing: true)
        let decoded = try await decompressing.request("/api/v1/couches/communes.geojson", headers: [("Accept-Encoding", "gzip")])
        try await decompressing.stop()
        #expect(decoded.body == original, "gzip decodes to the file's bytes")
    }

    @Test("metadata, legend, health, the map page (at / and /index.html), the sheets and Leaflet")
    func otherRoutes() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        let metadata = try await server.request("/api/v1/metadata")
        #expect(metadata.body == (try file("metadata.json")))
        #expect(metadata.headers["Cache-Control"].first == "no-cache")
        #expect((try await server.request("/api/v1/legende")).body == (try file("legend.json")))
        let health = try await server.request("/healthz")
        #expect(health.status == 200)
        #expect(try health.json()["statut"] as? String == "ok")
        #expect(try health.json()["epci"] as? Int == 12)
        let page = try await server.request("/")
        #expect(page.status == 200)
        #expect(page.headers["Content-Type"].first == "text/html; charset=utf-8")
        #expect(page.text.contains("<title>propice — Territoire fictif (démonstration)</title>"))
        #expect(page.text.contains("\"couches\": \"api/v1/couches\"") && page.text.contains("\"territoires\": \"api/v1/territoires\""),
                "the page reads the API by the server's routes")
        #expect(page.text.contains("id=\"avertissement\""), "the fictional notice")
        #expect(!page.text.contains("id=\"donnees\""), "no data embedded")
        #expect(page.text.contains("\"scores\": \"api/v1/scores\""), "the weights panel scores again through the API")
        #expect((try await server.request("/index.html")).body == page.body, "the sheets' link to the map")
        let sheet = try await server.request("/territoires/999000010.html")
        #expect(sheet.status == 200 && sheet.headers["Content-Type"].first == "text/html; charset=utf-8")
        #expect(sheet.body == (try file("territoires/999000010.html")))
        for missing in ["/territoires/999000099.html", "/territoires/999000010.json", "/territoires/index.html"] {
            #expect((try await server.request(missing)).status == 404, "\(missing)")
        }
        let leaflet = try await server.request("/leaflet/leaflet.js")
        #expect(leaflet.body == (try file("leaflet/leaflet.js")))
        #expect(leaflet.headers["Content-Type"].first == "text/javascript; charset=utf-8")
        let image = try await server.request("/leaflet/images/layers.png")
        #expect(image.status == 200 && image.headers["Content-Type"].first == "image/png")
        let head = try await server.request("/api/v1/territoires/999000010", method: .HEAD)
        #expect(head.status == 200 && head.body.isEmpty)
        try await server.stop()
    }
}

@Suite("propice serve: bad requests and folders")
struct ServerRefusalTests {
    /// The error body every refusal carries.
    func expectError(_ reply: RunningServer.Reply, _ status: Int, containing words: String,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
        #expect(reply.headers["Content-Type"].first == "application/json", sourceLocation: sourceLocation)
        let json = try reply.json()
        #expect(json["statut"] as? Int == status, sourceLocation: sourceLocation)
        #expect((json["erreur"] as? String)?.contains(words) == true, "\(reply.text)", sourceLocation: sourceLocation)
    }

    @Test("unknown or malformed SIREN, bad searches, unknown layers, bands and routes")
    func badRequests() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        try expectError(try await server.request("/api/v1/territoires/243100518"), 404, containing: "aucun EPCI de SIREN 243100518")
        for bad in ["12345", "24310051a", "2431005180", "%20243100518"] {
            try expectError(try await server.request("/api/v1/territoires/" + bad), 400, containing: "SIREN malformé")
        }
        try expectError(try await server.request("/api/v1/territoires"), 400, containing: "donnez un nom")
        try expectError(try await server.request("/api/v1/territoires?q=%20%20"), 400, containing: "vide")
        try expectError(try await server.request("/api/v1/territoires?q=" + String(repeating: "a", count: 201)), 400, containing: "200 caractères")
        #expect((try await server.request("/api/v1/territoires?q=" + String(repeating: "a", count: 200))).status == 200)
        try expectError(try await server.request("/api/v1/couches/logement.geojson"), 404, containing: "aucune couche logement")
        try expectError(try await server.request("/api/v1/couches/iml.shp"), 404, containing: "geojson")
        try expectError(try await server.request("/api/v1/couches/iml.geojson?bande=10m"), 400, containing: "aucune bande 10m")
        try expectError(try await server.request("/nulle/part"), 404, containing: "les routes sont")
        try expectError(try await server.request("/leaflet/absent.js"), 404, containing: "leaflet/absent.js")
        try await server.stop()
    }

    @Test("methods other than GET and HEAD, and request bodies, are refused")
    func bodiesAndMethods() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        for method in [HTTPMethod.POST, .PUT, .DELETE, .PATCH, .OPTIONS] {
            let reply = try await server.request("/api/v1/metadata", method: method)
            try expectError(reply, 405, containing: "lecture seule")
            #expect(reply.headers["Allow"].first == "GET, HEAD")
        }
        try expectError(try await server.request("/api/v1/metadata", method: .GET, body: "{}"), 413, containing: "pas de corps")
        try await server.stop()
    }

    @Test("paths that climb out of the folder, encoded or not, read nothing outside it")
    func traversal() async throws {
        let folder = try ServedDemo.folder()
        // A file beside the served folder that no request may reach.
        let secret = folder + "/../secret.txt"
        try #require(FileManager.default.createFile(atPath: secret, contents: Data("ne pas servir".utf8)))
        let server = try await RunningServer(folder: folder)
        for path in ["/leaflet/../../secret.txt", "/leaflet/%2e%2e/%2e%2e/secret.txt", "/leaflet/%2E%2E%2F%2E%2E%2Fsecret.txt",
                     "/api/v1/couches/..%2f..%2fsecret.txt", "/api/v1/territoires/..%2F..%2F..%2Fetc%2Fpasswd", "/../../etc/passwd",
                     "/leaflet/..%5c..%5csecret.txt", "/leaflet/./leaflet.js", "/leaflet/%00.js", "/%2e%2e/metadata.json"] {
            let reply = try server.raw("GET \(path) HTTP/1.1")
            #expect([400, 404].contains(reply.status), "\(path): \(reply.status)")
            #expect(!reply.body.contains("ne pas servir") && !reply.body.contains("root:"), "\(path) read outside the folder")
            #expect(reply.body.contains("\"erreur\""), "\(path): a JSON error")
        }
        try await server.stop()
    }

    @Test("CORS: only the origins given may read, with a preflight answered")
    func cors() async throws {
        let folder = try ServedDemo.folder()
        let closed = try await RunningServer(folder: folder)
        let none = try await closed.request("/api/v1/metadata", headers: [("Origin", "https://carto.example")])
        #expect(none.headers["Access-Control-Allow-Origin"].isEmpty, "no CORS unless asked")
        try await closed.stop()

        let open = try await RunningServer(folder: folder, corsOrigins: ["https://carto.example"])
        let allowed = try await open.request("/api/v1/couches/iml.geojson", headers: [("Origin", "https://carto.example")])
        #expect(allowed.headers["Access-Control-Allow-Origin"].first == "https://carto.example")
        #expect(allowed.headers["Access-Control-Expose-Headers"].first == "ETag, Content-Range, Accept-Ranges, Content-Length")
        #expect(allowed.headers["Vary"].contains("Origin"))
        let other = try await open.request("/api/v1/couches/iml.geojson", headers: [("Origin", "https://ailleurs.example")])
        #expect(other.status == 200 && other.headers["Access-Control-Allow-Origin"].isEmpty)
        let preflight = try await open.request("/api/v1/territoires/999000010", method: .OPTIONS,
                                               headers: [("Origin", "https://carto.example"), ("Access-Control-Request-Method", "GET")])
        #expect(preflight.status == 204)
        #expect(preflight.headers["Access-Control-Allow-Methods"].first == "GET, HEAD, OPTIONS")
        let error = try await open.request("/api/v1/territoires/000000000", headers: [("Origin", "https://carto.example")])
        #expect(error.status == 404 && error.headers["Access-Control-Allow-Origin"].first == "https://carto.example", "errors readable too")
        try await open.stop()
    }

    @Test("a missing, unfinished, half-written or altered folder is refused at start, naming the file")
    func badFolders() throws {
        let folder = TemporaryFolder()
        func refusal(_ path: String) -> String? {
            do {
                _ = try PropiceServer(settings: .init(folder: path))
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(folder.file("absent"))?.contains("no such folder") == true)
        let copy = folder.file("copie")
        try FileManager.default.copyItem(atPath: try ServedDemo.folder(), toPath: copy)
        #expect(refusal(copy) == nil, "the copy serves")
        try FileManager.default.removeItem(atPath: copy + "/territoires/999000003.json")
        #expect(refusal(copy)?.contains("territoires/999000003.json: listed in metadata.json but missing") == true)
        try FileManager.default.copyItem(atPath: try ServedDemo.folder() + "/territoires/999000003.json", toPath: copy + "/territoires/999000003.json")
        folder.write("copie/epci_iml_500m.geojson", "{}")
        #expect(refusal(copy)?.contains("epci_iml_500m.geojson: differs from what metadata.json lists") == true)
        try FileManager.default.removeItem(atPath: copy + "/metadata.json")
        #expect(refusal(copy)?.contains("metadata.json: missing") == true)
        folder.write("copie/metadata.json", "{\"logiciel\": 1}")
        #expect(refusal(copy)?.contains("not the metadata.json of a propice build") == true)
    }
}
