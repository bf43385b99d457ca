import Hummingbird
import HTTPTypes

/// Cross-origin access for the origins given (`*` for any): the response to a request from
/// one of them names it in `Access-Control-Allow-Origin` and exposes `ETag` and the headers of
/// a part (`Content-Range`); a preflight, which a `Range` request may need,
/// `OPTIONS` is answered here. Requests from other origins get no CORS header, so that
/// browsers keep them from reading the answer.
struct CORSPolicyMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let origins: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], let allowed = allowedValue(for: origin) else {
            return try await next(request, context)
        }
        var response: Response
        if request.method == .options {
            response = Response(status: .noContent, headers: [
                .accessControlAllowMethods: "GET, HEAD, OPTIONS",
                .accessControlAllowHeaders: "Accept, Accept-Encoding, If-None-Match, Range, If-Range",
                .accessControlMaxAge: "600",
            ])
        } else {
            response = try await responseOrError(request, context: context, next: next)
            // PMTiles readers read the archive's size from Content-Range.
            response.headers[.accessControlExposeHeaders] = "ETag, Content-Range, Accept-Ranges, Content-Length"
        }
        response.headers[.accessControlAllowOrigin] = allowed
        if allowed != "*" { response.headers.append(HTTPField(name: .vary, value: "Origin")) }
        return response
    }

    private func allowedValue(for origin: String) -> String? {
        if origins.contains("*") { return "*" }
        return origins.contains(origin) ? origin : nil
    }
}
