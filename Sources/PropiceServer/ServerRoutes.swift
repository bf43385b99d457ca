import Foundation
import Hummingbird
import HTTPTypes
import Propice

/// The routes of `propice serve`, over the folder a store holds.
enum ServerRoutes {
    /// The longest name `/api/v1/territoires?q=` takes, in characters.
    static let maximumQueryLength = 200
    /// How many matches a search returns at most.
    static let maximumMatches = 50

    static func add(to router: Router<ServerContext>, store: ServedFolderStore) {
        for path in ["/", "/index.html"] {
            router.get(RouterPath(path)) { request, _ in
                guard let page = store.served.page else {
                    throw APIError(.notFound, "ce build n'a pas de carte : ajoutez html à build.formats et relancez propice build")
                }
                return page.response(to: request)
            }
        }
        router.get("/territoires/{file}") { request, context in
            let file = context.parameters.get("file") ?? ""
            let siren = file.hasSuffix(".html") ? String(file.dropLast(5)) : ""
            guard let sheet = store.served.sheets[siren] else {
                throw APIError(.notFound, "aucune fiche \(file.prefix(64)) : les fiches sont territoires/<SIREN>.html, écrites avec la carte (html dans build.formats)")
            }
            return sheet.response(to: request)
        }
        router.get("/healthz") { _, _ in
            let served = store.served
            let body = #"{"statut":"ok","build":"\#(served.build)","epci":\#(served.territories.count),"modeles":\#(served.metadata.models.count)}"#
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: body + "\n")))
        }
        router.get("/leaflet/**") { request, _ in
            let name = String(request.uri.path.dropFirst())
            guard let asset = store.served.assets[name] else { throw APIError(.notFound, "aucun fichier \(name)") }
            return asset.response(to: request)
        }
        router.get(RouterPath(APIRoute.metadata.absolute)) { request, _ in store.served.metadataFile.response(to: request) }
        router.get(RouterPath(APIRoute.legend.absolute)) { request, _ in store.served.legend.response(to: request) }
        router.get(RouterPath(APIRoute.territories.absolute + "/{siren}")) { request, context in
            let siren = context.parameters.get("siren") ?? ""
            guard siren.utf8.count == 9, siren.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw APIError(.badRequest, "SIREN malformé : un SIREN d'EPCI a 9 chiffres")
            }
            guard let record = store.served.territories[siren] else {
                throw APIError(.notFound, "aucun EPCI de SIREN \(siren) dans ce build")
            }
            return record.response(to: request)
        }
        router.get(RouterPath(APIRoute.territories.absolute)) { request, _ in try search(request, in: store.served) }
        router.get(RouterPath(APIRoute.scores.absolute + "/{model}")) { request, context in
            try rescore(context.parameters.get("model") ?? "", request: request, in: store.served)
        }
        router.get(RouterPath(APIRoute.layers.absolute + "/{file}")) { request, context in
            try layer(context.parameters.get("file") ?? "", request: request, in: store.served)
        }
        addTiles(to: router, store: store)
    }

    /// The tiles' archive, style and sprite as built, the tiles one by one, and the style drawing from them.
    static func addTiles(to router: Router<ServerContext>, store: ServedFolderStore) {
        @Sendable func tiles() throws -> ServedTiles {
            guard let tiles = store.served.tiles else {
                throw APIError(.notFound, "ce build n'a pas de tuiles vectorielles : ajoutez tiles à build.formats et relancez propice build")
            }
            return tiles
        }
        for name in ServedTiles.files {
            router.get(RouterPath("/" + name)) { request, _ in
                guard let resource = try tiles().resources[name] else { throw APIError(.notFound, "aucun fichier \(name)") }
                return resource.response(to: request)
            }
        }
        router.get(RouterPath(APIRoute.style.absolute)) { request, _ in try tiles().style(request) }
        router.get(RouterPath(APIRoute.tiles.absolute + "/{z}/{x}/{file}")) { request, context in
            try tiles().tile(z: context.parameters.get("z") ?? "", x: context.parameters.get("x") ?? "",
                             file: context.parameters.get("file") ?? "", request: request)
        }
    }

    /// `GET /api/v1/territoires?q=NAME`: the EPCI the name or SIREN may designate, as
    /// `propice query` finds them.
    static func search(_ request: Request, in served: ServedFolder) throws -> Response {
        guard let raw = request.uri.queryParameters["q"] else {
            throw APIError(.badRequest, "donnez un nom ou un SIREN : \(APIRoute.territories.absolute)?q=nom")
        }
        let text = raw.replacingOccurrences(of: "+", with: " ").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw APIError(.badRequest, "la recherche est vide") }
        guard text.count <= maximumQueryLength else {
            throw APIError(.badRequest, "la recherche dépasse \(maximumQueryLength) caractères")
        }
        let found = served.index.matches(text)
        struct Match: Encodable {
            let code: String, name: String, link: String
            enum CodingKeys: String, CodingKey { case code = "code_epci", name = "nom_epci", link = "lien" }
        }
        struct Matches: Encodable {
            let text: String, count: Int, matches: [Match]
            enum CodingKeys: String, CodingKey { case text = "requete", count = "nombre", matches = "epci" }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Matches(text: text, count: found.count, matches: found.prefix(maximumMatches).map {
            Match(code: $0.code, name: $0.name, link: APIRoute.territories.absolute + "/" + $0.code)
        }))
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The prefix of a weight's parameter: `poids.<indicateur>=<w>`.
    static let weightPrefix = "poids."
    /// The header that gives the rescoring's time (a valid field name, checked by the tests).
    static let serverTiming = HTTPField.Name("Server-Timing")!

    /// `GET /api/v1/scores/{modele}?poids.<indicateur>=<w>&…`: the model scored again with
    /// these weights (the model's for the indicators not named), timed in `Server-Timing`.
    static func rescore(_ id: String, request: Request, in served: ServedFolder) throws -> Response {
        guard let scoring = served.scoring[id] else {
            throw APIError(.notFound, "aucun modèle \(id.prefix(64)) ; ce build a \(served.metadata.models.map(\.id).joined(separator: ", "))")
        }
        var given: [(id: String, text: String)] = []
        for (name, value) in request.uri.queryParameters {
            guard name.hasPrefix(weightPrefix) else {
                throw APIError(.badRequest, "paramètre inconnu \(String(name).prefix(64)) : donnez poids.<indicateur>=<poids>")
            }
            given.append((String(name.dropFirst(weightPrefix.count)), String(value)))
        }
        let weights: [Double]
        switch scoring.weights(from: given) {
        case .success(let w): weights = w
        case .failure(let error): throw APIError(.badRequest, error.message)
        }
        let clock = ContinuousClock(), start = clock.now
        let scores = scoring.scores(weights: weights)
        let elapsed = clock.now - start
        let body = RescoredModel(scores, of: scoring, notice: served.metadata.notice).json()
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache",
                                               serverTiming: "rescore;dur=\(Double(elapsed.wholeMicroseconds) / 1000)"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `GET /api/v1/couches/{layer}.geojson|.topojson[?bande=NAME]`: a layer of one band, the
    /// finest by default.
    static func layer(_ file: String, request: Request, in served: ServedFolder) throws -> Response {
        let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let format = ServedFolder.Format(rawValue: parts[1]) else {
            throw APIError(.notFound, "aucune couche \(file) : demandez {couche}.geojson ou {couche}.topojson")
        }
        guard served.layerNames.contains(parts[0]) else {
            throw APIError(.notFound, "aucune couche \(parts[0]) ; ce build a \(served.layerNames.joined(separator: ", "))")
        }
        let band = request.uri.queryParameters["bande"].map(String.init) ?? served.bands[0]
        guard served.bands.contains(band) else {
            throw APIError(.badRequest, "aucune bande \(band) ; ce build a \(served.bands.joined(separator: ", "))")
        }
        guard let resource = served.layers[ServedFolder.key(layer: parts[0], band: band, format: format)] else {
            throw APIError(.notFound, "ce build n'a pas écrit de \(format.rawValue) : ajoutez-le à build.formats")
        }
        return resource.response(to: request)
    }
}
