import Hummingbird
import Logging
import NIOCore

/// One structured log line per request, once answered: method, path, status, body size,
/// duration, client and user agent.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await responseOrError(request, context: context, next: next)
        var metadata: Logger.Metadata = [
            "methode": .string(request.method.rawValue),
            "chemin": .string(request.uri.string),
            "statut": .stringConvertible(response.status.code),
            "duree_us": .stringConvertible((ContinuousClock.now - start).wholeMicroseconds),
        ]
        if let bytes = response.body.contentLength { metadata["octets"] = .stringConvertible(bytes) }
        if let address = context.remoteAddress?.ipAddress { metadata["client"] = .string(address) }
        if let agent = request.headers[.userAgent] { metadata["agent"] = .string(agent) }
        if let encoding = response.headers[.contentEncoding] { metadata["encodage"] = .string(encoding) }
        logger.info("requete", metadata: metadata)
        return response
    }
}
