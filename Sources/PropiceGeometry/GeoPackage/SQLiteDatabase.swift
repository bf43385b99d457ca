import CSQLite

/// An SQLite error, with SQLite's own message.
struct SQLiteError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// An open SQLite database, closed when released.
final class SQLiteDatabase {
    let path: String
    private let handle: OpaquePointer

    /// Opens an existing database read-only, or creates a new one for writing.
    init(path: String, create: Bool) throws {
        self.path = path
        var db: OpaquePointer?
        // A connection is used by one thread at a time (the class is not Sendable): SQLite need
        // not lock it at every call (a GeoPackage's hundreds of thousands of binds and steps).
        let flags = (create ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(message: message)
        }
        handle = db
    }

    deinit { sqlite3_close_v2(handle) }

    var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? errorMessage
            sqlite3_free(message)
            throw SQLiteError(message: text)
        }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw SQLiteError(message: errorMessage)
        }
        return SQLiteStatement(statement: statement, database: self)
    }

    /// Whether a table (or view) of that name exists.
    func hasTable(_ name: String) throws -> Bool {
        let query = try prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?")
        try query.bind(1, .text(name))
        return try query.step()
    }
}
