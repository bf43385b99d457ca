import Hummingbird
import HTTPTypes
import PropiceGeometry

/// An error a request gets, as JSON: `{"erreur": message, "statut": code}`.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        var body = Array(#"{"erreur":"#.utf8)
        JSONText.appendString(message, to: &body)
        body += Array(#","statut":\#(status.code)}"#.utf8) + [0x0A]
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension RouterMiddleware where Context == ServerContext {
    /// The next responder's response, or the one its error gives, for middlewares that read or
    /// amend every response, errors included.
    func responseOrError(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        }
    }
}
