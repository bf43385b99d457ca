import Foundation
import Hummingbird
import HTTPTypes
import Propice

/// One response body `propice serve` gives, held in memory with its gzip encoding and their
/// entity tags, so that a request costs a lookup: no file is opened after the folder is loaded.
struct ServedResource: Sendable {
    let sha256: String
    let contentType: String
    let cacheControl: String
    let identity: ByteBuffer
    let identityTag: String
    /// The gzip encoding, when it is smaller by more than a few bytes.
    let gzip: ByteBuffer?
    let gzipTag: String

    /// `sha256` is the body's, when known already (from `metadata.json`).
    init(bytes: [UInt8], contentType: String, cacheControl: String, sha256: String? = nil) {
        self.contentType = contentType
        self.cacheControl = cacheControl
        identity = ByteBuffer(bytes: bytes)
        self.sha256 = sha256 ?? FileChecksum(of: bytes).sha256
        let hash = String(self.sha256.prefix(32))
        identityTag = "\"\(hash)\""
        gzipTag = "\"\(hash)-gzip\""
        let compressed = bytes.count > 512 ? Gzip.compress(bytes) : []
        gzip = !compressed.isEmpty && compressed.count + 64 < bytes.count ? ByteBuffer(bytes: compressed) : nil
    }

    /// The response to a GET or HEAD: gzip when the request accepts it, 304 when its
    /// `If-None-Match` names the representation's tag.
    func response(to request: Request) -> Response {
        let zipped = gzip != nil && Self.acceptsGzip(request.headers[.acceptEncoding])
        let tag = zipped ? gzipTag : identityTag
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: cacheControl, .eTag: tag, .vary: "Accept-Encoding"]
        if let wanted = request.headers[.ifNoneMatch], Self.matches(wanted, tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        if zipped { headers[.contentEncoding] = "gzip" }
        let body = zipped ? gzip! : identity
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// Whether an `Accept-Encoding` value accepts gzip: named (or `*`) without `q=0`.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var star: Bool?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first else { continue }
            let refused = parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "").range(of: #"^q=0(\.0{0,3})?$"#, options: .regularExpression) != nil }
            if coding == "gzip" || coding == "x-gzip" { return !refused }
            if coding == "*" { star = !refused }
        }
        return star ?? false
    }

    /// The weak comparison of `If-None-Match` (RFC 9110 §13.1.2): `*`, or a listed tag equal to
    /// `tag` once `W/` is dropped.
    static func matches(_ header: String, tag: String) -> Bool {
        header.split(separator: ",").contains { item in
            var candidate = item.trimmingCharacters(in: .whitespaces)
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate.removeFirst(2) }
            return candidate == tag
        }
    }
}
