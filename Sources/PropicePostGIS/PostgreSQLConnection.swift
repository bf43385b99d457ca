import CLibPQ
import Foundation

/// A connection to a PostgreSQL server through libpq, the reference client: the connection
/// string may be a `postgresql://` URI, `key=value` pairs, or empty, and libpq completes it
/// from the environment (`PGHOST`, `PGDATABASE`, `PGUSER`…), `~/.pgpass` and service files as
/// every PostgreSQL tool does. The libpq handle never leaves this file.
final class PostgreSQLConnection {
    private let handle: OpaquePointer
    /// The server, database and user connected to, for messages: never the password.
    let target: String

    /// Connects; a string libpq cannot parse, an unreachable server or a refused login throws
    /// a `PostgreSQLError` whose message names the target without its password.
    init(_ connection: String) throws {
        var parseError: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connection, &parseError) else {
            let reason = parseError.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "not a connection string"
            PQfreemem(parseError)
            throw PostgreSQLError(kind: .connection, target: "the connection string", message: reason)
        }
        PQconninfoFree(options)
        guard let handle = PQconnectdb(connection) else {
            throw PostgreSQLError(kind: .connection, target: "the server", message: "libpq could not allocate a connection")
        }
        // Checked before the handle is stored: the deinit, which finishes it, runs only after.
        let target = Self.describe(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.text(PQerrorMessage(handle))
            PQfinish(handle)
            let kind: PostgreSQLError.Kind = message.contains("password") || message.contains("authentication") ? .authentication : .connection
            throw PostgreSQLError(kind: kind, target: target, message: message)
        }
        self.handle = handle
        self.target = target
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try execute("SET client_encoding = 'UTF8'; SET client_min_messages = warning; SET standard_conforming_strings = on")
    }

    deinit { PQfinish(handle) }

    /// `host:port/database as user`, from what libpq settled on.
    private static func describe(_ handle: OpaquePointer) -> String {
        let host = PQhost(handle).map { String(cString: $0) } ?? "?", port = PQport(handle).map { String(cString: $0) } ?? "?"
        let database = PQdb(handle).map { String(cString: $0) } ?? "?", user = PQuser(handle).map { String(cString: $0) } ?? "?"
        return "PostgreSQL \(host):\(port), database \(database), user \(user)"
    }

    /// A message of libpq's or the server's on one line (libpq's span several, indented).
    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Runs statements that return no rows (several may be separated by semicolons when there
    /// is no parameter).
    func execute(_ sql: String, _ parameters: [String?] = []) throws {
        _ = try query(sql, parameters)
    }

    /// Runs a statement with text parameters (`$1`, `$2`…) and returns its rows as text.
    func query(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let rows = Int(PQntuples(result)), columns = Int(PQnfields(result))
        return (0..<rows).map { row in
            (0..<columns).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
        }
    }

    private func run(_ sql: String, _ parameters: [String?]) throws -> OpaquePointer {
        let result: OpaquePointer?
        if parameters.isEmpty {
            result = PQexec(handle, sql)
        } else {
            var copies = parameters.map { $0.map { strdup($0) } ?? nil }
            defer { copies.forEach { free($0) } }
            result = copies.withUnsafeMutableBufferPointer { values in
                values.withMemoryRebound(to: UnsafePointer<CChar>?.self) {
                    PQexecParams(handle, sql, Int32(clamping: $0.count), nil, $0.baseAddress, nil, nil, 0)
                }
            }
        }
        return try check(result, accepting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
    }

    /// The result if its status is one of `accepting`; otherwise the server's error, with its
    /// SQLSTATE, and the result freed.
    private func check(_ result: OpaquePointer?, accepting: [ExecStatusType]) throws -> OpaquePointer {
        guard let result else { throw PostgreSQLError(kind: .connection, target: target, message: Self.text(PQerrorMessage(handle))) }
        guard accepting.contains(PQresultStatus(result)) else {
            defer { PQclear(result) }
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            var message = Self.text(PQresultErrorField(result, Int32(UInt8(ascii: "M"))))
            if message.isEmpty { message = Self.text(PQerrorMessage(handle)) }
            let detail = Self.text(PQresultErrorField(result, Int32(UInt8(ascii: "D"))))
            if !detail.isEmpty { message += " (" + detail + ")" }
            throw PostgreSQLError(kind: .server(state: state ?? ""), target: target, message: message)
        }
        return result
    }

    /// Runs `COPY … FROM STDIN` and sends it the chunks `produce` passes to its argument;
    /// returns the rows the server copied.
    @discardableResult
    func copy(_ sql: String, produce: ((_ chunk: [UInt8]) throws -> Void) throws -> Void) throws -> Int {
        PQclear(try check(PQexec(handle, sql), accepting: [PGRES_COPY_IN]))
        var failure: Error?
        do {
            try produce { chunk in
                guard !chunk.isEmpty else { return }
                let sent = chunk.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32(clamping: $0.count)) }
                }
                guard sent == 1 else { throw PostgreSQLError(kind: .connection, target: target, message: Self.text(PQerrorMessage(handle))) }
            }
        } catch {
            failure = error
        }
        guard PQputCopyEnd(handle, failure == nil ? nil : "propice stopped the copy") == 1 else {
            throw failure ?? PostgreSQLError(kind: .connection, target: target, message: Self.text(PQerrorMessage(handle)))
        }
        var copied = 0, serverError: Error?
        while let result = PQgetResult(handle) {
            do {
                let checked = try check(result, accepting: [PGRES_COMMAND_OK])
                copied = Int(String(cString: PQcmdTuples(checked))) ?? 0
                PQclear(checked)
            } catch {
                serverError = serverError ?? error
            }
        }
        if let failure { throw failure }
        if let serverError { throw serverError }
        return copied
    }
}

/// What went wrong with the database: a connection or login refused, an error of the server
/// with its SQLSTATE, or a check of propice's that refused to go on. Its description names the
/// target (server, database, user), never a password.
public struct PostgreSQLError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Equatable, Sendable {
        case connection, authentication
        /// An error of a statement, with its SQLSTATE (`42501`: insufficient privilege).
        case server(state: String)
        /// A check before anything is written: PostGIS missing, a right missing, a schema name.
        case refused
    }

    public var kind: Kind
    public var target: String
    public var message: String

    public var description: String { "\(target): \(message)" }
}
