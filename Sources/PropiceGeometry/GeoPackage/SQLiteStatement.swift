import CSQLite

/// A value bound to or read from an SQLite statement.
public enum SQLiteValue: Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A prepared SQLite statement, finalised when released. Keeps its database open.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let database: SQLiteDatabase
    /// SQLite copies bound text and blobs at once.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds a value to the 1-based parameter `index`.
    func bind(_ index: Int32, _ value: SQLiteValue) throws {
        let status: Int32
        switch value {
        case .null: status = sqlite3_bind_null(statement, index)
        case .integer(let v): status = sqlite3_bind_int64(statement, index, v)
        case .real(let v): status = sqlite3_bind_double(statement, index, v)
        case .text(let v): status = sqlite3_bind_text(statement, index, v, -1, Self.transient)
        case .blob(let v): status = v.withUnsafeBytes { sqlite3_bind_blob64(statement, index, $0.baseAddress, sqlite3_uint64($0.count), Self.transient) }
        }
        guard status == SQLITE_OK else { throw SQLiteError(message: database.errorMessage) }
    }

    /// Advances to the next row: true when there is one, false when the statement is done.
    func step() throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(message: database.errorMessage)
        }
    }

    /// Makes the statement ready to run again with new bindings.
    func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    /// The value of column `index` (0-based) of the current row.
    func column(_ index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT: return text(index).map(SQLiteValue.text) ?? .null
        case SQLITE_BLOB:
            // SQLite's order: the pointer first, then its size (a conversion would free a pointer taken before).
            let bytes = sqlite3_column_blob(statement, index)
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count > 0, let bytes else { return .blob([]) }
            let source = UnsafeRawBufferPointer(start: bytes, count: count)
            return .blob([UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                initialized = count
            })
        default: return .null
        }
    }

    /// Column `index` when it holds text, else nil (read without copying a value of another type).
    func text(_ index: Int32) -> String? {
        guard sqlite3_column_type(statement, index) == SQLITE_TEXT, let text = sqlite3_column_text(statement, index) else { return nil }
        return String(cString: text)
    }

    /// Column `index` when it holds an integer, else nil.
    func integer(_ index: Int32) -> Int64? {
        sqlite3_column_type(statement, index) == SQLITE_INTEGER ? sqlite3_column_int64(statement, index) : nil
    }
}
