import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `propice serve`: a built output folder over HTTP, for an intranet: each EPCI's record and a
/// search by name (what `propice query` gives), the layers in GeoJSON and TopoJSON per band,
/// the metadata and the legend, and the interactive map reading them (see `ServerRoutes`).
/// The folder is read into memory and checked once; SIGHUP reloads it without dropping a
/// request, SIGTERM and SIGINT stop the server once the requests under way are answered.
public struct PropiceServer: Sendable {
    /// How the server runs.
    public struct Settings: Sendable {
        /// The output folder of `propice build`.
        public var folder: String
        public var host: String
        /// 0 for a port the system picks.
        public var port: Int
        /// The origins allowed to read the API from a browser (`*` for any); none by default.
        public var corsOrigins: [String]
        /// How long clients and proxies may keep layers and records, in seconds.
        public var maxAge: Int
        /// The most connections open at once; one more is closed as soon as it is accepted.
        public var maxConnections: Int
        /// How long a connection may take to send a request's head, in seconds, from its
        /// opening or from the previous response sent whole; then it is closed.
        public var headTimeout: Int

        public init(folder: String, host: String = "127.0.0.1", port: Int = 8080, corsOrigins: [String] = [], maxAge: Int = 300,
                    maxConnections: Int = 512, headTimeout: Int = 10) {
            self.folder = folder
            self.host = host
            self.port = port
            self.corsOrigins = corsOrigins
            self.maxAge = maxAge
            self.maxConnections = maxConnections
            self.headTimeout = headTimeout
        }
    }

    /// The log formats of the access log and the server's messages.
    public enum LogFormat: String, Sendable, CaseIterable {
        /// One JSON object per line (see `JSONLogHandler`).
        case json
        /// swift-log's text lines.
        case text
    }

    public let settings: Settings
    let store: ServedFolderStore
    let logger: Logger

    /// Loads the folder: a missing or half-written one is an error here, before any port is
    /// bound. From then on SIGHUP no longer ends the process: it is the server's to reload.
    public init(settings: Settings, logFormat: LogFormat = .json, logLevel: Logger.Level = .info) throws {
        signal(SIGHUP, SIG_IGN)
        self.settings = settings
        store = try ServedFolderStore(folder: settings.folder, maxAge: settings.maxAge)
        var logger = switch logFormat {
        case .json: Logger(label: "propice.serve") { JSONLogHandler(label: $0) }
        case .text: Logger(label: "propice.serve") { StreamLogHandler.standardError(label: $0) }
        }
        logger.logLevel = logLevel
        self.logger = logger
    }

    /// Serves until SIGTERM or SIGINT, or until the task is cancelled; `onRunning` gets the
    /// port bound.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router(context: ServerContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        if !settings.corsOrigins.isEmpty { router.add(middleware: CORSPolicyMiddleware(origins: Set(settings.corsOrigins))) }
        router.add(middleware: RequestGuardMiddleware(allowsOptions: !settings.corsOrigins.isEmpty))
        ServerRoutes.add(to: router, store: store)
        let logger = logger, store = store, host = settings.host
        let connections = ConnectionCount(maximum: settings.maxConnections), headTimeout = TimeAmount.seconds(Int64(settings.headTimeout))
        var application = Application(
            router: router,
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionLimit(connections), RequestHeadDeadline(limit: headTimeout)])),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "propice"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let served = store.served
                logger.notice("propice serve à l'écoute", metadata: [
                    "adresse": .string("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"), "dossier": .string(store.folder), "build": .string(served.build),
                    "epci": .stringConvertible(served.territories.count),
                ])
                await onRunning(port)
            },
            logger: logger
        )
        application.addServices(ReloadService(store: store, logger: logger))
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
