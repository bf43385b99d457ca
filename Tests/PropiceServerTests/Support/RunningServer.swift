import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Propice
@testable import PropiceServer
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The demo built once for the server's tests, in a folder kept until the process ends.
enum ServedDemo {
    nonisolated(unsafe) private static let built: Result<TemporaryFolder, any Error> = Result {
        let folder = TemporaryFolder()
        var configuration = try ProjectConfiguration.load(path: Geodata.packageRoot + "/geodata/demo.yaml")
        // With the vector tiles, which the demo does not write by default.
        configuration.build.formats.append(.tiles)
        _ = try ProjectBuild.run(configuration: configuration, output: folder.file("demo"))
        return folder
    }

    static func folder() throws -> String { try built.get().file("demo") }
}

/// A real `propice serve` in this process, on a loopback port the system picks, with a real
/// HTTP client (AsyncHTTPClient) to call it.
final class RunningServer: Sendable {
    let port: Int
    private let task: Task<Void, any Error>
    let client: HTTPClient

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) }
    }

    /// The head deadline is far off unless a test sets it: the tests run beside builds that keep
    /// every core busy, and a test's next request may come more than the server's 10 s default
    /// after its previous one, on a kept-alive connection the server would by then have closed.
    init(folder: String, corsOrigins: [String] = [], decompressing: Bool = false, maxConnections: Int = 512, headTimeout: Int = 3600) async throws {
        let settings = PropiceServer.Settings(folder: folder, port: 0, corsOrigins: corsOrigins, maxConnections: maxConnections, headTimeout: headTimeout)
        let server = try PropiceServer(settings: settings, logFormat: .json, logLevel: .critical)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        task = Task(executorPreference: ServerExecutor.shared) { try await server.run(onRunning: { continuation.yield($0) }) }
        var iterator = ports.makeAsyncIterator()
        port = try #require(await iterator.next())
        client = HTTPClient(eventLoopGroupProvider: .singleton,
                            configuration: .init(decompression: decompressing ? .enabled(limit: .none) : .disabled))
    }

    func stop() async throws {
        try await client.shutdown()
        task.cancel()
        _ = try? await task.value
    }

    /// A test that throws before `stop()` fails with its own error: an HTTP client released
    /// without being shut down would stop the whole test process instead.
    deinit {
        try? client.syncShutdown()
        task.cancel()
    }

    /// A request to the server; `path` is sent as given.
    func request(_ path: String, method: HTTPMethod = .GET, headers: [(String, String)] = [], body: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(body.readableBytesView))
    }

    /// A request written byte for byte on a socket, for paths a client would normalise; the
    /// status code and the body.
    func raw(_ requestLine: String) throws -> (status: Int, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let text = Array((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").utf8)
        _ = text.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer += buffer[0..<n]
        }
        let reply = String(decoding: answer, as: UTF8.self)
        let status = Int(reply.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, reply.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
    }
}
