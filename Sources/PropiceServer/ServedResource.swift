import Foundation
import Hummingbird
import HTTPTypes
import NIOConcurrencyHelpers
import Propice

/// One response body `propice serve` gives, held in memory with its entity tags, so that a
/// request costs a lookup: no file is opened after the folder is loaded. Its gzip encoding is
/// made when a client first asks for it and kept, so that loading a folder costs no
/// compression and a layer nobody asks for gzip-encoded is never compressed. A resource read
/// by parts (the tiles' archive) answers `Range` requests and is never gzip-encoded, as static
/// hosts serve it.
final class ServedResource: Sendable {
    let sha256: String
    let contentType: String
    let cacheControl: String
    /// Whether `Range` requests get their part (and responses say `Accept-Ranges: bytes`).
    let ranges: Bool
    let identity: ByteBuffer
    let identityTag: String
    let gzipTag: String
    /// The gzip encoding once made: nil inside when it is not smaller by more than a few bytes.
    private let gzip = NIOLockedValueBox<ByteBuffer??>(nil)

    /// `sha256` is the body's, when known already (from `metadata.json`).
    init(body: ByteBuffer, contentType: String, cacheControl: String, sha256: String? = nil, ranges: Bool = false) {
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.ranges = ranges
        identity = body
        self.sha256 = sha256 ?? body.withUnsafeReadableBytes { FileChecksum(of: $0) }.sha256
        let hash = String(self.sha256.prefix(32))
        identityTag = "\"\(hash)\""
        gzipTag = "\"\(hash)-gzip\""
    }

    /// The gzip encoding, made by the first request that wants it (others wait for it).
    private var gzipped: ByteBuffer? {
        gzip.withLockedValue { made in
            if let made { return made }
            let size = identity.readableBytes
            let compressed = size > 512 ? identity.withUnsafeReadableBytes { Gzip.compress($0) } : []
            let body = !compressed.isEmpty && compressed.count + 64 < size ? ByteBuffer(bytes: compressed) : nil
            made = .some(body)
            return body
        }
    }

    /// The response to a GET or HEAD: gzip when the request accepts it, 304 when its
    /// `If-None-Match` names the representation's tag; for a resource read by parts, the part
    /// a `Range` asks (206, or 416 beyond the end) unless `If-Range` names another version.
    func response(to request: Request) -> Response {
        if ranges { return rangeResponse(to: request) }
        let zipped = Self.acceptsGzip(request.headers[.acceptEncoding]) ? gzipped : nil
        let tag = zipped == nil ? identityTag : gzipTag
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: cacheControl, .eTag: tag, .vary: "Accept-Encoding"]
        if let wanted = request.headers[.ifNoneMatch], Self.matches(wanted, tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        if zipped != nil { headers[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: zipped ?? identity))
    }

    /// The response of a resource read by parts: the part a single `Range` asks, else the whole.
    private func rangeResponse(to request: Request) -> Response {
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: cacheControl, .eTag: identityTag, .acceptRanges: "bytes"]
        if let wanted = request.headers[.ifNoneMatch], Self.matches(wanted, tag: identityTag) {
            return Response(status: .notModified, headers: headers)
        }
        let size = identity.readableBytes
        // If-Range with another version's tag (or a date, which propice does not give): the whole body.
        let current = request.headers[.ifRange].map { $0.trimmingCharacters(in: .whitespaces) == identityTag } ?? true
        guard let header = request.headers[.range], current else {
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: identity))
        }
        switch ByteRange(header: header, size: size) {
        case .ignored:
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: identity))
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        case .satisfiable(let part):
            // The range lies within the body, checked against its size: the slice is always there.
            guard let body = identity.getSlice(at: identity.readerIndex + part.lowerBound, length: part.count) else {
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: identity))
            }
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(size)"
            return Response(status: .partialContent, headers: headers, body: ResponseBody(byteBuffer: body))
        }
    }

    /// Whether an `Accept-Encoding` value accepts gzip: named (or `*`) without `q=0`.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var star: Bool?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first else { continue }
            let refused = parts.dropFirst().contains { parameter in
                let compact = parameter.replacingOccurrences(of: " ", with: "")
                return compact.hasPrefix("q=") && Double(compact.dropFirst(2)) == 0
            }
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
