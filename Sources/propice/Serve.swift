import ArgumentParser
import Logging
import PropiceServer

/// `propice serve`: a built output folder over HTTP.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves a built output folder over HTTP: the EPCI's records, a search, the layers and the map.",
        discussion: """
            Routes (GET and HEAD only; requests with a body are refused):
              /                                    the interactive map, reading the API
              /healthz                             {"statut":"ok","build":…,"epci":…}
              /api/v1/territoires/{siren}          an EPCI's record, as propice query --json prints it
              /api/v1/territoires?q=NAME           the EPCI a name or SIREN designates
              /api/v1/couches/{layer}.geojson      a layer (a model's identifier, communes or
              /api/v1/couches/{layer}.topojson       departements), ?bande=NAME, the finest by default
              /api/v1/legende, /api/v1/metadata    legend.json and metadata.json
              /api/v1/scores/{modele}?poids.X=W    a model scored again with other weights
              /api/v1/tuiles/{z}/{x}/{y}.mvt       a vector tile (builds with the tiles format)
              /api/v1/style.json                   the MapLibre style, drawing from those tiles
              /propice.pmtiles, /style.json        the archive (by HTTP ranges) and its style, as built

            The folder is read into memory and checked against the SHA-256 that metadata.json \
            lists: a missing or half-written folder is refused at start. Layers and records carry \
            an ETag and Cache-Control, and are sent gzip-encoded to clients that accept it. One \
            access-log line per request goes to standard error. SIGHUP reloads the folder \
            without dropping a request (a folder that does not load is logged and the previous \
            one kept); SIGTERM and SIGINT stop once the requests under way are answered.

            Exit codes: 0 stopped by a signal; 1 the folder cannot be served or the port cannot \
            be bound; 64 bad usage.
            """
    )

    @Option(help: ArgumentHelp("The folder propice build wrote.", valueName: "DIR"))
    var output = "output/demo"

    @Option(help: "The address to listen on; 0.0.0.0 opens the service to the network.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 lets the system pick one.")
    var port = 8080

    @Option(name: .customLong("cors-origin"), help: ArgumentHelp(
        "An origin allowed to read the API from a browser (repeatable; * for any). None by default.", valueName: "ORIGIN"))
    var corsOrigins: [String] = []

    @Option(help: "How long clients may keep layers and records, in seconds.")
    var maxAge = 300

    @Option(help: "The most connections open at once; one more is closed as soon as it is accepted.")
    var maxConnections = 512

    @Option(help: ArgumentHelp("How long a connection may take to send a request's head, from its opening or from the previous response sent whole.",
                               valueName: "SECONDS"))
    var headTimeout = 10

    @Option(help: ArgumentHelp("The log lines' format: json or text.", valueName: "FORMAT"))
    var logFormat = PropiceServer.LogFormat.json

    @Option(help: ArgumentHelp("The lowest level logged: trace, debug, info, notice, warning, error or critical.", valueName: "LEVEL"))
    var logLevel = Logger.Level.info

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxAge >= 0 else { throw ValidationError("--max-age must be 0 or more") }
        guard (1...65_536).contains(maxConnections) else { throw ValidationError("--max-connections must be between 1 and 65536") }
        guard (1...3600).contains(headTimeout) else { throw ValidationError("--head-timeout must be between 1 and 3600 seconds") }
    }

    func run() async throws {
        let settings = PropiceServer.Settings(folder: output, host: host, port: port, corsOrigins: corsOrigins, maxAge: maxAge,
                                              maxConnections: maxConnections, headTimeout: headTimeout)
        let server = try runReportingErrors {
            try PropiceServer(settings: settings, logFormat: logFormat, logLevel: logLevel)
        }
        do {
            try await server.run()
        } catch {
            printError("error: cannot serve on \(host):\(port): \(error)")
            throw ExitCode(1)
        }
    }
}
