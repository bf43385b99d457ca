import Foundation

/// What `propice publish` checks on the server before it writes anything, so that a database
/// without PostGIS, a role without the rights it needs or a schema propice did not make is a
/// clear error with nothing changed; and the advisory lock that serialises publishes.
struct ServerChecks {
    let database: PostgreSQLConnection
    let schema: String

    init(_ database: PostgreSQLConnection, schema: String, srids: Set<Int>) throws {
        self.database = database
        self.schema = schema
        guard try !database.query("SELECT extversion FROM pg_extension WHERE extname = 'postgis'").isEmpty else {
            throw refused("PostGIS is not installed in this database: run CREATE EXTENSION postgis; "
                          + "(as the database's owner or a superuser), then publish again")
        }
        guard try database.query("SELECT quote_ident($1)", [schema]).first?.first == schema else {
            throw refused("the schema name \(schema) is a reserved word of SQL and would need quoting: choose another --schema")
        }
        for srid in srids.sorted() where try database.query("SELECT 1 FROM spatial_ref_sys WHERE srid = $1", [String(srid)]).isEmpty {
            throw refused("PostGIS's spatial_ref_sys has no SRID \(srid), the layers' CRS (EPSG:\(srid))")
        }
    }

    private func refused(_ message: String) -> PostgreSQLError {
        PostgreSQLError(kind: .refused, target: database.target, message: message)
    }

    private var lockKey: [String?] { ["propice publish " + schema] }

    /// Takes the schema's advisory lock if it is free; false when another publish holds it.
    func lock() throws -> Bool {
        try database.query("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", lockKey).first?.first == "t"
    }

    /// Waits for the schema's advisory lock; the session holds it until it ends.
    func waitForLock() throws {
        try database.execute("SELECT pg_advisory_lock(hashtextextended($1, 0))", lockKey)
    }

    /// The build and the tables that the schema holds, nil when there is no such schema; a
    /// schema that propice did not publish (no `metadonnees`) is refused.
    func previousBuild() throws -> (build: String, tables: [String])? {
        guard try !database.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]).isEmpty else { return nil }
        guard try database.query("SELECT to_regclass($1)", [SQLText.qualified(schema, "metadonnees")]).first?.first ?? nil != nil else {
            throw refused("the schema \(schema) exists and propice did not publish it (it has no metadonnees table): "
                          + "choose another --schema, or drop that one yourself")
        }
        let rows = try database.query("SELECT build, array_to_json(tables)::text FROM \(SQLText.qualified(schema, "metadonnees"))")
        guard rows.count == 1, let build = rows[0][0], let list = rows[0][1],
              let tables = try? JSONDecoder().decode([String].self, from: Data(list.utf8)) else {
            throw refused("the table \(schema).metadonnees should hold one row, the build published: it was altered; drop the schema yourself")
        }
        return (build, tables)
    }

    /// The role may create schemas, replace this one, and write the styles.
    func checkPrivileges() throws {
        let role = try database.query("SELECT current_user, current_database(), has_database_privilege(current_database(), 'CREATE')")
        let user = role.first?[0] ?? "?", name = role.first?[1] ?? "?"
        guard role.first?[2] == "t" else {
            throw refused("the role \(user) may not create schemas in the database \(name): GRANT CREATE ON DATABASE \(name) TO \(user)")
        }
        let owner = try database.query("SELECT pg_has_role(nspowner, 'USAGE'), pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = $1", [schema])
        if let row = owner.first, row[0] != "t" {
            throw refused("the schema \(schema) belongs to the role \(row[1] ?? "?"), which \(user) is not a member of: publish as that role")
        }
        let styles = try database.query("""
            SELECT CASE WHEN to_regclass('public.layer_styles') IS NULL THEN has_schema_privilege('public', 'CREATE')
              ELSE has_table_privilege('public.layer_styles', 'SELECT, INSERT, DELETE') END
            """)
        guard styles.first?.first == "t" else {
            throw refused("the role \(user) may not write the QGIS styles into public.layer_styles "
                          + "(it needs SELECT, INSERT and DELETE on it, or CREATE on the schema public to make it)")
        }
    }
}
