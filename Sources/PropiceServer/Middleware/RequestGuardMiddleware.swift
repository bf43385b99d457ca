import Foundation
import Hummingbird
import HTTPTypes

/// What `propice serve` refuses before routing: methods other than GET and HEAD (and OPTIONS
/// when CORS is on), any request with a body, and paths that climb (`..`, encoded or not) or
/// hold a NUL or a backslash. Nothing the server reads depends on a request's path anyway:
/// every response comes from the folder loaded in memory. An unknown route gets a JSON 404.
struct RequestGuardMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let allowsOptions: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed: [HTTPRequest.Method] = allowsOptions ? [.get, .head, .options] : [.get, .head]
        guard allowed.contains(request.method) else {
            throw APIError(.methodNotAllowed, "méthode \(request.method.rawValue) refusée : ce service est en lecture seule",
                           headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
        }
        if (request.headers[.contentLength] ?? "0") != "0" || request.headers[.transferEncoding] != nil {
            throw APIError(.contentTooLarge, "les requêtes n'ont pas de corps")
        }
        let path = request.uri.path
        let decoded = path.removingPercentEncoding ?? path
        if decoded.contains("\0") || decoded.contains("\\")
            || decoded.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." }) {
            throw APIError(.badRequest, "chemin refusé : \(path)")
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            throw APIError(.notFound, "rien à \(path) : les routes sont /, /healthz, /territoires/{siren}.html, /api/v1/territoires/{siren}, "
                           + "/api/v1/territoires?q=nom, /api/v1/scores/{modele}?poids.{indicateur}=…, "
                           + "/api/v1/couches/{couche}.geojson|.topojson, /api/v1/legende et /api/v1/metadata")
        }
    }
}
