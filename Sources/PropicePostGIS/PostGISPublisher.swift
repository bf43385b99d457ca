import Foundation
import Propice
import PropiceGeometry

/// `propice publish`: a built folder into a PostGIS schema that a team shares, atomically. The
/// tables are loaded into a staging schema (`StagingLoad`, several connections at once); then
/// one transaction, holding the previous tables' locks, drops them, renames the staging schema
/// into place and replaces the layers' QGIS styles in `public.layer_styles`: a reader sees the
/// previous build or the new one, never a mixture, and a publish killed at any moment leaves
/// the previous schema whole (at worst a staging schema, which the next publish drops).
/// Publishes into one schema are serialised by an advisory lock; publishing the build already
/// there changes nothing.
public enum PostGISPublisher {
    /// What a publish did.
    public struct Report: Sendable {
        public var target: String
        public var schema: String
        public var build: String
        /// True when the schema already held this build: nothing was written.
        public var alreadyPublished: Bool
        /// Each table written, with its rows.
        public var tables: [(name: String, rows: Int)]
    }

    /// Publishes the built `folder` into `schema` of the database `connection` names (a
    /// `postgresql://` URI or `key=value` pairs; empty for the environment's `PG…` variables).
    public static func publish(folder: String, to connection: String, schema: String,
                               progress: (String) -> Void = { _ in }) throws -> Report {
        try checkSchemaName(schema)
        let built = try PublishedFolder(folder: folder)
        let tables = try PublishedTables.all(built)
        let database = try PostgreSQLConnection(connection)
        // Large geometries and records compressed with lz4 rather than pglz, several times
        // faster to write and to read; a server built without lz4 refuses it and keeps pglz.
        try? database.execute("SET default_toast_compression = 'lz4'")
        let server = try ServerChecks(database, schema: schema, srids: Set(built.geoPackage.layers.map(\.epsg)))
        if try !server.lock() {
            progress("another publish into schema \(schema) is running: waiting for it to finish")
            try server.waitForLock()
        }
        let previous = try server.previousBuild()
        let alreadyPublished = previous?.build == built.build
        if !alreadyPublished { try server.checkPrivileges() }
        let stagingName = schema + PublishSettings.stagingSuffix, staging = SQLText.identifier(stagingName)
        // What a publish stopped before its swap left goes, even when this build is in place.
        try database.execute("DROP SCHEMA IF EXISTS \(staging) CASCADE")
        if alreadyPublished {
            return Report(target: database.target, schema: schema, build: built.build, alreadyPublished: true, tables: [])
        }
        // The staging schema, committed: the tables are loaded into it over several connections.
        try database.execute("CREATE SCHEMA \(staging)")
        var written: [(name: String, rows: Int)]
        do {
            written = try StagingLoad.run(tables, schema: stagingName, connection: connection, workers: loadConnections)
            for (name, rows) in written { progress("\(name): \(rows) rows") }
            try database.execute("BEGIN")
            try writeMetadata(built, schema: stagingName, tables: tables.map(\.name) + ["metadonnees"], database)
            written.append(("metadonnees", 1))
            try swap(staging: stagingName, schema: schema, previous: previous?.tables ?? [], database)
            try LayerStylesTable.replace(built.geoPackage.styles, schema: schema, tables: tables.map(\.name), previous: previous?.tables ?? [], database)
            try built.checkGeoPackageUnchanged()
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            try? database.execute("DROP SCHEMA IF EXISTS \(staging) CASCADE")
            throw error
        }
        return Report(target: database.target, schema: schema, build: built.build, alreadyPublished: false, tables: written)
    }

    /// The connections that load the tables at once: the client encodes on one core while the
    /// server works on others.
    static let loadConnections = 3

    /// A schema name used as it is, never quoted (`PublishSettings.schemaProblem`).
    static func checkSchemaName(_ schema: String) throws {
        if let problem = PublishSettings.schemaProblem(schema) {
            throw PostgreSQLError(kind: .refused, target: "--schema", message: problem)
        }
    }

    /// The build's identifier, its metadata and the tables published, in `metadonnees`.
    private static func writeMetadata(_ built: PublishedFolder, schema: String, tables: [String], _ database: PostgreSQLConnection) throws {
        let qualified = SQLText.qualified(schema, "metadonnees")
        try database.execute("""
            CREATE TABLE \(qualified) (build text PRIMARY KEY, logiciel text NOT NULL, publie_le timestamptz NOT NULL DEFAULT now(),
              tables text[] NOT NULL, metadonnees jsonb NOT NULL)
            """)
        try database.execute("INSERT INTO \(qualified) (build, logiciel, tables, metadonnees) VALUES ($1, $2, $3::text[], $4::jsonb)",
                             [built.build, "propice \(built.metadata.software.version)",
                              SQLText.array(tables), String(decoding: built.metadataBytes, as: UTF8.self)])
        let comments = [
            "COMMENT ON TABLE \(qualified) IS \(SQLText.literal("La publication : le build (16 premiers chiffres hexadécimaux du SHA-256 de metadata.json), le logiciel, la date, les tables publiées et le metadata.json du build (sources, millésimes, licences, SHA-256)."))",
            "COMMENT ON COLUMN \(qualified).build IS 'Identifiant du build : 16 premiers chiffres hexadécimaux du SHA-256 de metadata.json'",
            "COMMENT ON COLUMN \(qualified).logiciel IS 'Le logiciel qui a fait le build, et sa version'",
            "COMMENT ON COLUMN \(qualified).publie_le IS 'Date de la publication'",
            "COMMENT ON COLUMN \(qualified).tables IS 'Les tables publiées dans ce schéma'",
            "COMMENT ON COLUMN \(qualified).metadonnees IS 'Le metadata.json du build : fichiers lus avec millésime, licence et SHA-256, modèles, sources synthétiques'",
        ]
        for comment in comments { try database.execute(comment) }
    }

    /// Takes the ACCESS EXCLUSIVE locks of the previous build's `tables` without deadlocking
    /// a reader: a reader's statement locks its tables one after another, so it may hold one
    /// the publish wants while waiting for one the publish holds. Each try gives up after
    /// `lockTimeout` and gives back what it took (a savepoint), the reader goes on, and the
    /// publish tries again a little later; after `lockTries`, it waits as long as it takes.
    private static func lock(_ tables: String, _ database: PostgreSQLConnection) throws {
        let statement = "LOCK TABLE \(tables) IN ACCESS EXCLUSIVE MODE"
        for attempt in 0..<lockTries {
            try database.execute("SAVEPOINT propice_verrou; SET LOCAL lock_timeout = '\(lockTimeout)ms'")
            do {
                try database.execute(statement)
                try database.execute("RELEASE SAVEPOINT propice_verrou; SET LOCAL lock_timeout TO DEFAULT")
                return
            } catch let error as PostgreSQLError where error.kind == .server(state: "55P03") {
                try database.execute("ROLLBACK TO SAVEPOINT propice_verrou")
                usleep(UInt32.random(in: 0...UInt32(min(attempt + 1, 10) * 20_000)))
            }
        }
        try database.execute(statement)
    }

    /// How long one try to lock the previous tables waits (below PostgreSQL's `deadlock_timeout`, 1 s by default).
    static let lockTimeout = 200
    /// Tries before waiting without limit.
    static let lockTries = 100

    /// Drops the previous build's tables (waiting for their readers, whose locks they need)
    /// and its schema, which must then be empty, and renames the staging schema into place.
    private static func swap(staging: String, schema: String, previous: [String], _ database: PostgreSQLConnection) throws {
        if !previous.isEmpty {
            let tables = previous.map { SQLText.qualified(schema, $0) }.joined(separator: ", ")
            try lock(tables, database)
            try database.execute("DROP TABLE \(tables) RESTRICT")
            do {
                try database.execute("DROP SCHEMA \(SQLText.identifier(schema)) RESTRICT")
            } catch let error as PostgreSQLError where error.kind == .server(state: "2BP01") {
                throw PostgreSQLError(kind: .refused, target: error.target, message: "the schema \(schema) holds objects propice did not publish "
                                      + "(\(error.message)): move them to another schema; propice replaces the whole schema")
            }
        }
        try database.execute("ALTER SCHEMA \(SQLText.identifier(staging)) RENAME TO \(SQLText.identifier(schema))")
    }
}
