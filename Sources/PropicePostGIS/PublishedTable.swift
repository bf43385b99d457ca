import Foundation
import PropiceGeometry

/// A table `propice publish` writes: its columns with their PostgreSQL types and comments, its
/// primary key, its spatial column, and how its rows are copied.
struct PublishedTable {
    struct Column {
        var name: String
        /// The PostgreSQL type: `text`, `bigint`, `double precision`, `boolean`, `jsonb`, `geometry(…)`.
        var type: String
        var comment: String
    }

    var name: String
    var comment: String
    var columns: [Column]
    var primaryKey: [String]
    /// The geometry column, indexed with GiST.
    var spatialColumn: String?
    /// Copies the rows into the table named `qualified` on `connection`; returns the rows copied.
    var load: (_ connection: PostgreSQLConnection, _ qualified: String) throws -> Int

    /// `CREATE TABLE` without its keys, which are added once the rows are in.
    func create(_ qualified: String) -> String {
        "CREATE TABLE \(qualified) (" + columns.map { "\(SQLText.identifier($0.name)) \($0.type)" }.joined(separator: ", ") + ")"
    }

    /// The primary key, the spatial index and the comments, once the rows are in.
    func finish(_ qualified: String, indexName: String) -> [String] {
        var statements: [String] = []
        if !primaryKey.isEmpty {
            statements.append("ALTER TABLE \(qualified) ADD PRIMARY KEY (" + primaryKey.map(SQLText.identifier).joined(separator: ", ") + ")")
        }
        if let spatialColumn {
            statements.append("CREATE INDEX \(SQLText.identifier(indexName)) ON \(qualified) USING gist (\(SQLText.identifier(spatialColumn)))")
        }
        statements.append("COMMENT ON TABLE \(qualified) IS \(SQLText.literal(comment))")
        statements += columns.map { "COMMENT ON COLUMN \(qualified).\(SQLText.identifier($0.name)) IS \(SQLText.literal($0.comment))" }
        return statements
    }
}

/// SQL text made from names and values: identifiers always quoted, literals escaped.
enum SQLText {
    static func identifier(_ name: String) -> String { SQL.quote(name) }

    /// A string literal, with `standard_conforming_strings` on (the connection sets it).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A text array's literal (`{"a","b"}`), for a `$n::text[]` parameter.
    static func array(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }

    static func qualified(_ schema: String, _ table: String) -> String {
        identifier(schema) + "." + identifier(table)
    }
}
