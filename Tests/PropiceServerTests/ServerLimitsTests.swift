import Foundation
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing
@testable import Propice
@testable import PropiceServer
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The bounds `propice serve` keeps against hostile clients: a request head that trickles in
/// is cut off, connections past the limit are closed at once, and a reload refuses a file whose
/// size is not the one `metadata.json` lists without reading it.
@Suite("propice serve: limits")
struct ServerLimitsTests {
    /// A socket connected to the server, with a receive timeout so that no test can hang.
    private static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    private static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until the server closes the connection; what it sent, and whether it closed
    /// (rather than the receive timing out).
    private static func readToClose(_ fd: Int32) -> (text: String, closed: Bool) {
        var answer: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return (String(decoding: answer, as: UTF8.self), true) }
            if n < 0 { return (String(decoding: answer, as: UTF8.self), errno == ECONNRESET) }
            answer += buffer[0..<n]
        }
    }

    @Test("a request head trickled past the time limit is cut off; a prompt request is answered")
    func headTimeout() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder(), headTimeout: 1)
        let port = server.port
        // Sockets block: they are read on a thread of their own, not on the threads the server answers on.
        let (text, closed, seconds) = try await onOwnThread {
            let slow = try Self.connect(port: port)
            defer { close(slow) }
            let start = Date()
            Self.send(slow, "GET /healthz HTTP/1.1\r\nHo")
            let (text, closed) = Self.readToClose(slow)
            return (text, closed, Date().timeIntervalSince(start))
        }
        #expect(closed && text.isEmpty, "the connection is closed without an answer")
        #expect(seconds < 20, "closed by the deadline, not by the test's own timeout")
        #expect(try await server.request("/healthz").status == 200)
        try await server.stop()
    }

    @Test("the head's deadline starts once a response is written out, not while a slow client is still reading it")
    func deadlineAfterResponse() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: RequestHeadDeadline(limit: .seconds(1)), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .get, scheme: nil, authority: "x", path: "/")))
        // The response queued whole, but not yet taken by the client.
        channel.write(HTTPResponsePart.head(HTTPResponse(status: .ok)), promise: nil)
        channel.write(HTTPResponsePart.end(nil), promise: nil)
        loop.advanceTime(by: .seconds(30))
        #expect(channel.isActive, "a client reading a long response keeps its connection")
        channel.flush()
        loop.advanceTime(by: .milliseconds(900))
        #expect(channel.isActive, "the limit counts from the response written out")
        loop.advanceTime(by: .milliseconds(200))
        #expect(!channel.isActive, "no new head within the limit: closed")
    }

    @Test("a connection past the limit is closed at once; a freed place serves again")
    func connectionLimit() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder(), maxConnections: 2)
        let port = server.port
        let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        // Sockets block: they are read on a thread of their own, not on the threads the server answers on.
        let (heldAnswers, refused) = try await onOwnThread {
            // Two connections answered and kept open: both are counted.
            let held = try (0..<2).map { _ in try Self.connect(port: port) }
            defer { for fd in held { close(fd) } }
            let answers = held.map { fd in
                Self.send(fd, request)
                var buffer = [UInt8](repeating: 0, count: 4096)
                return String(decoding: buffer[0..<max(0, recv(fd, &buffer, buffer.count, 0))], as: UTF8.self)
            }
            let extra = try Self.connect(port: port)
            defer { close(extra) }
            Self.send(extra, request)
            return (answers, Self.readToClose(extra))
        }
        #expect(heldAnswers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") })
        #expect(refused.closed && refused.text.isEmpty, "the third connection is closed without an answer")
        // Once the server has seen them close, a new connection is answered.
        var answered = false
        for _ in 0..<100 where !answered {
            answered = try await onOwnThread {
                let again = try Self.connect(port: port)
                defer { close(again) }
                Self.send(again, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                return Self.readToClose(again).text.hasPrefix("HTTP/1.1 200")
            }
            if !answered { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(answered)
        try await server.stop()
    }

    @Test("a layer swapped for a sparse file of 64 GiB is refused from its size, without being read")
    func sparseFileRefused() throws {
        let copy = TemporaryFolder(), built = try ServedDemo.folder()
        precondition(system("cp -r '\(built)' '\(copy.file("demo"))'") == 0)
        let layer = copy.file("demo/communes_100m.geojson")
        let fd = open(layer, O_WRONLY | O_TRUNC)
        try #require(fd >= 0 && ftruncate(fd, 64 << 30) == 0)
        close(fd)
        let start = Date()
        let error = inputError { _ = try ServedFolder(folder: copy.file("demo"), maxAge: 0) }
        #expect(error?.description == "\(layer): differs from what metadata.json lists (size or SHA-256): the folder is being rewritten or was altered; reload once the build has finished")
        #expect(Date().timeIntervalSince(start) < 30, "refused without reading 64 GiB")
    }

    @Test("a metadata.json that is a named pipe is refused without blocking")
    func metadataPipeRefused() throws {
        let copy = TemporaryFolder(), built = try ServedDemo.folder()
        precondition(system("cp -r '\(built)' '\(copy.file("demo"))'") == 0)
        let metadata = copy.file("demo/metadata.json")
        unlink(metadata)
        try #require(mkfifo(metadata, 0o600) == 0)
        let error = inputError { _ = try ServedFolder(folder: copy.file("demo"), maxAge: 0) }
        #expect(error?.description == "\(metadata): not a regular file of at most 64 MiB: not the metadata.json of a propice build")
    }
}
