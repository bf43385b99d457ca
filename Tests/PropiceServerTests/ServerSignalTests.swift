import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import Propice
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The `propice serve` process as an operator runs it: SIGHUP reloads the folder while
/// requests go on, a folder that does not load keeps the previous one served, SIGTERM stops.
@Suite("propice serve: signals")
struct ServerSignalTests {
    let folder = TemporaryFolder()

    /// The process, its log (JSON lines on standard error) and its port.
    final class ServeProcess {
        let process = Process()
        let log: String
        var port = 0

        init(folder: String, log: String) throws {
            self.log = log
            try #require(FileManager.default.createFile(atPath: log, contents: nil))
            process.executableURL = URL(fileURLWithPath: PropiceExecutable.path)
            process.arguments = ["serve", "--output", folder, "--port", "0"]
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let listening = try waitFor("propice serve à l'écoute")
            let address = try #require(listening["adresse"] as? String)
            port = try #require(Int(address.split(separator: ":").last!.dropLast()))
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }

        /// The log's lines so far, decoded.
        func lines() -> [[String: Any]] {
            String(decoding: TemporaryFolder.read(path: log), as: UTF8.self).split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        /// The `after`-th and later line whose message is `message`, waited for up to 30 s.
        @discardableResult
        func waitFor(_ message: String, after skipped: Int = 0) throws -> [String: Any] {
            for _ in 0..<300 {
                if let line = lines().filter({ $0["message"] as? String == message }).dropFirst(skipped).first { return line }
                try #require(process.isRunning, "propice serve stopped: \(lines())")
                usleep(100_000)
            }
            Issue.record("no '\(message)' in the log: \(lines())")
            throw CancellationError()
        }
    }

    @Test("SIGHUP reloads without a failed request; a broken folder keeps the previous build; SIGTERM stops cleanly")
    func reloadAndStop() async throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first: \(PropiceExecutable.path)")
        var configuration = try ProjectConfiguration.load(path: Geodata.packageRoot + "/geodata/demo.yaml")
        let served = folder.file("servi")
        _ = try ProjectBuild.run(configuration: configuration, output: served)
        let server = try ServeProcess(folder: served, log: folder.file("serve.log"))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let base = "http://127.0.0.1:\(server.port)"
        func get(_ path: String) async throws -> (status: UInt, body: [UInt8]) {
            let response = try await client.execute(HTTPClientRequest(url: base + path), timeout: .seconds(30))
            return (response.status.code, Array(try await response.body.collect(upTo: 16 << 20).readableBytesView))
        }
        func build() async throws -> String? {
            let health = try JSONSerialization.jsonObject(with: Data(try await get("/healthz").body)) as? [String: Any]
            return health?["build"] as? String
        }
        let first = try await build()

        // Requests without a pause, from before the first reload to after the last.
        let stop = StopFlag()
        let load = Task {
            var answered = 0, failed: [String] = []
            while !stop.isSet {
                for path in ["/api/v1/territoires/999000010", "/api/v1/couches/iml.geojson", "/healthz"] {
                    do {
                        let reply = try await get(path)
                        if reply.status == 200 { answered += 1 } else { failed.append("\(path): \(reply.status)") }
                    } catch {
                        failed.append("\(path): \(error)")
                    }
                }
            }
            return (answered, failed)
        }

        let legend = served + "/legend.json"
        let original = TemporaryFolder.read(path: legend)
        folder.write("servi/legend.json", bytes: original + Array(" ".utf8))
        kill(server.process.processIdentifier, SIGHUP)
        let refused = try server.waitFor("rechargement refusé : le build précédent reste servi")
        #expect((refused["erreur"] as? String)?.contains("legend.json") == true)
        #expect(try await build() == first, "the previous build is still served")

        configuration.build.precision = 5
        _ = try ProjectBuild.run(configuration: configuration, output: served)
        kill(server.process.processIdentifier, SIGHUP)
        let reloaded = try server.waitFor("dossier rechargé")
        let second = try await build()
        #expect(second != first && reloaded["build"] as? String == second, "the new build is served")
        #expect(try await get("/api/v1/couches/iml.geojson").body == TemporaryFolder.read(path: served + "/epci_iml_100m.geojson"))
        kill(server.process.processIdentifier, SIGHUP)
        try server.waitFor("dossier rechargé", after: 1)

        stop.set()
        let (answered, failed) = await load.value
        #expect(answered >= 3, "\(answered) requests answered during the reloads")
        #expect(failed.isEmpty, "failed requests: \(failed.prefix(5))")
        try await client.shutdown()

        kill(server.process.processIdentifier, SIGTERM)
        for _ in 0..<100 where server.process.isRunning { usleep(100_000) }
        #expect(!server.process.isRunning, "SIGTERM stops the server")
        if server.process.isRunning { server.process.terminate() } else {
            #expect(server.process.terminationStatus == 0, "a clean stop: \(server.lines().suffix(3))")
        }
    }

    /// Tells the load to stop after its round of requests (cancelling would cancel them).
    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    @Test("a folder that cannot be served stops propice serve at start with exit code 1 and the file named")
    func refusedAtStart() throws {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first: \(PropiceExecutable.path)")
        let errors = folder.file("stderr.txt")
        let status = system("\(PropiceExecutable.path) serve --output \(folder.file("vide")) --port 0 2>\(errors)")
        #expect(status >> 8 == 1)
        #expect(String(decoding: TemporaryFolder.read(path: errors), as: UTF8.self).contains("\(folder.file("vide")): no such folder"))
        let usage = system("\(PropiceExecutable.path) serve --port 70000 2>/dev/null")
        #expect(usage >> 8 == 64)
    }
}
