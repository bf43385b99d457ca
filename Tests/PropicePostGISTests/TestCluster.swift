import Foundation
import Testing
@testable import PropicePostGIS
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL 15 + PostGIS 3 cluster the tests publish into: the one `.ci/run` started
/// (its socket folder in `PROPICE_TEST_PGHOST`), else one `scripts/postgis-cluster` starts
/// for this process and stops at its exit when Debian's postgresql-15 is installed. Each test
/// gets databases of its own, so that tests run side by side.
enum TestCluster {
    /// The socket folder, or nil (recorded as a failure under CI) when there is no server.
    static let host: String? = {
        if let host = ProcessInfo.processInfo.environment["PROPICE_TEST_PGHOST"], !host.isEmpty { return host }
        guard access("/usr/lib/postgresql/15/bin/initdb", X_OK) == 0 else { return nil }
        let folder = TemporaryFolder().path + "-pg"
        let log = folder + ".log"
        guard system("'\(Geodata.packageRoot)/scripts/postgis-cluster' start '\(folder)' >'\(log)' 2>&1") == 0 else {
            Issue.record("scripts/postgis-cluster start failed: \(String(decoding: TemporaryFolder.read(path: log), as: UTF8.self))")
            return nil
        }
        startedFolder = folder
        atexit { if let folder = TestCluster.startedFolder { _ = system("'\(Geodata.packageRoot)/scripts/postgis-cluster' stop '\(folder)' >/dev/null 2>&1") } }
        return folder
    }()

    /// The cluster this process started, stopped at exit.
    nonisolated(unsafe) private static var startedFolder: String?

    /// The socket folder; without a server, a failure under CI and a skip (by throwing) elsewhere.
    static func requireHost(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        if let host { return host }
        if Geodata.isUnderCI { Issue.record("no PostgreSQL: .ci/run starts one and exports PROPICE_TEST_PGHOST", sourceLocation: sourceLocation) }
        throw ServerMissing()
    }

    /// Thrown when no server can be had (the test stops; under CI it has failed already).
    struct ServerMissing: Error {}

    /// The connection string of `database` as the superuser.
    static func superuser(_ database: String) throws -> String { "host=\(try requireHost()) user=postgres dbname=\(database)" }

    /// A new database, with PostGIS unless `postgis` is false; its name.
    static func database(postgis: Bool = true) throws -> String {
        let name = "essai_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        let server = try PostgreSQLConnection(try superuser("postgres"))
        try server.execute("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        if postgis { try PostgreSQLConnection(try superuser(name)).execute("CREATE EXTENSION postgis") }
        return name
    }

    /// A login role with `password`, made once per name.
    static func role(_ name: String, password: String) throws {
        let server = try PostgreSQLConnection(try superuser("postgres"))
        try server.execute("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(name)') THEN CREATE ROLE \(name) LOGIN PASSWORD '\(password)'; END IF;
            END $$
            """)
    }

    /// What a publish may change in `database`: every relation of every schema but the
    /// system's with its row count, the builds in the `metadonnees` tables, and the styles.
    static func fingerprint(_ database: String) throws -> [String] {
        let connection = try PostgreSQLConnection(try superuser(database))
        var lines = try connection.query("""
            SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1
            """).map { $0[0] ?? "" }
        for row in try connection.query("SELECT table_schema FROM information_schema.tables WHERE table_name = 'metadonnees' ORDER BY 1") {
            let schema = row[0] ?? ""
            lines += try connection.query("SELECT build FROM \(schema).metadonnees").map { "\(schema) build \($0[0] ?? "")" }
            for table in try connection.query("SELECT unnest(tables) FROM \(schema).metadonnees").compactMap(\.[0]) {
                lines += try connection.query("SELECT count(*) FROM \(schema).\(table)").map { "\(schema).\(table) \($0[0] ?? "") rows" }
            }
        }
        if try connection.query("SELECT to_regclass('public.layer_styles') IS NOT NULL") == [["t"]] {
            lines += try connection.query("SELECT f_table_schema || '.' || f_table_name || ' ' || stylename || ' ' || md5(styleqml::text) FROM public.layer_styles ORDER BY 1")
                .map { $0[0] ?? "" }
        }
        return lines
    }
}
