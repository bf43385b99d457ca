import Foundation
import Testing
@testable import PropicePostGIS
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Bad input to `propice publish`: each a clear error on one line, exit 1, no password
/// printed, and nothing changed in the database.
@Suite("propice publish: bad input")
struct PublishBadInputTests {
    let folder = TemporaryFolder()

    /// Runs propice publish and checks it refused with exit 1, saying `expected`, leaving
    /// `database` as it was.
    private func refused(_ arguments: String, environment: String = "", saying expected: [String], database: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let before = try TestCluster.fingerprint(database)
        let run = PropiceExecutable.run("publish " + arguments, environment: environment)
        #expect(run.status == 1, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        for part in expected { #expect(run.stderr.contains(part), "\(run.stderr)", sourceLocation: sourceLocation) }
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(try TestCluster.fingerprint(database) == before, "\(arguments) changed the database", sourceLocation: sourceLocation)
        return run.stderr
    }

    @Test("an unreachable server, a wrong password, a role without rights, a schema that needs quoting, a half-written folder")
    func refusals() async throws {
        let built = try BuiltFolders.occitanie.get()
        let host = try TestCluster.requireHost()
        let database = try TestCluster.database()
        let target = try TestCluster.superuser(database)
        _ = try await onOwnThread { try PostGISPublisher.publish(folder: built, to: target, schema: "propice") }
        let output = "--output '\(built)'"

        _ = try refused("\(output) --to 'host=\(folder.path)/absent dbname=\(database)'", saying: ["absent"], database: database)
        _ = try refused("\(output) --to 'postgresql://127.0.0.1:1/\(database)?connect_timeout=5'", saying: ["127.0.0.1"], database: database)
        _ = try refused("\(output) --to 'host=\(host) port=5432 user=postgres dbname=\(database) sslmode=nonsense'", saying: ["sslmode"], database: database)

        try TestCluster.role("analyste", password: "le-bon-mot-de-passe")
        for connection in ["host=\(host) dbname=\(database) user=analyste password=mauvais-secret",
                           "postgresql://analyste:mauvais-secret@/\(database)?host=\(host)"] {
            let said = try refused("\(output) --to '\(connection)'", saying: ["password authentication failed", "analyste"], database: database)
            #expect(!said.contains("mauvais-secret"), "the password was printed: \(said)")
        }
        let fromEnvironment = try refused(output, environment: "PGHOST='\(host)' PGDATABASE=\(database) PGUSER=analyste PGPASSWORD=mauvais-secret",
                                          saying: ["password authentication failed"], database: database)
        #expect(!fromEnvironment.contains("mauvais-secret"))

        // A role that may not create schemas, then may but does not own the schema there.
        try TestCluster.role("lecteur", password: "lecteur-secret")
        let empty = try TestCluster.database()
        let asReader = "--to 'host=\(host) dbname=\(empty) user=lecteur password=lecteur-secret'"
        _ = try refused("\(output) \(asReader)", saying: ["GRANT CREATE ON DATABASE \(empty) TO lecteur"], database: empty)
        let superuser = try PostgreSQLConnection(try TestCluster.superuser(empty))
        try superuser.execute("GRANT CREATE ON DATABASE \(empty) TO lecteur; GRANT CREATE ON SCHEMA public TO lecteur")
        let allowed = PropiceExecutable.run("publish \(output) --schema donnees",
                                            environment: "PGHOST='\(host)' PGDATABASE=\(empty) PGUSER=lecteur PGPASSWORD=lecteur-secret")
        #expect(allowed.status == 0, "libpq's environment and a role with the rights: \(allowed.stderr)")
        try PostgreSQLConnection(try TestCluster.superuser(empty)).execute("CREATE SCHEMA propice")
        _ = try refused("\(output) \(asReader)", saying: ["propice"], database: empty)

        // A database without PostGIS.
        let bare = try TestCluster.database(postgis: false)
        _ = try refused("\(output) --to '\(try TestCluster.superuser(bare))'", saying: ["CREATE EXTENSION postgis"], database: bare)

        // Schema names that would need quoting, or are reserved.
        for schema in ["Propice", "les-donnees", "select", "pg_propice", "9a", "donn\u{E9}es", String(repeating: "a", count: 60), "a;drop"] {
            _ = try refused("\(output) --to '\(target)' --schema '\(schema)'", saying: ["schema"], database: database)
        }

        // A folder half-written: a file cut short, a file missing, metadata cut short.
        let cut = try BuiltFolders.copy(of: built, into: folder, as: "coupe")
        let gpkg = cut + "/propice.gpkg"
        let bytes = TemporaryFolder.read(path: gpkg)
        folder.write("coupe/propice.gpkg", bytes: Array(bytes.prefix(bytes.count / 2)))
        _ = try refused("--output '\(cut)' --to '\(target)'", saying: ["propice.gpkg"], database: database)
        let missing = try BuiltFolders.copy(of: built, into: folder, as: "manquant")
        try FileManager.default.removeItem(atPath: missing + "/scores.csv")
        _ = try refused("--output '\(missing)' --to '\(target)'", saying: ["scores.csv"], database: database)
        let metadata = try BuiltFolders.copy(of: built, into: folder, as: "metadonnees")
        let text = TemporaryFolder.read(path: metadata + "/metadata.json")
        folder.write("metadonnees/metadata.json", bytes: Array(text.prefix(text.count / 3)))
        _ = try refused("--output '\(metadata)' --to '\(target)'", saying: ["metadata.json"], database: database)
        _ = try refused("--output '\(folder.path)/nulle-part' --to '\(target)'", saying: ["nulle-part"], database: database)
    }
}
