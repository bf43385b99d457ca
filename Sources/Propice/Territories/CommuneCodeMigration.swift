import Foundation
import PropiceGeometry

/// Brings commune codes of an older COG to the current one through INSEE's table of
/// historical codes (`passage-communes-historique.csv`: `DEPCOM_HIST` → `DEPCOM`), in which
/// every code that existed since 2003 has a row, mapped to itself when it still exists.
public struct CommuneCodeMigration: Sendable {
    /// The current code of every historical one.
    public let current: [CommuneCode: CommuneCode]

    /// One old code and the current code it became.
    public struct Migration: Sendable, Equatable {
        public var from: CommuneCode
        public var to: CommuneCode
    }

    /// Reads the table; a bad code or an old code listed twice is an error naming line and column.
    public init(passage path: String) throws {
        let table = try TextTable(path: path)
        let old = try table.column("DEPCOM_HIST"), new = try table.column("DEPCOM")
        var current: [CommuneCode: CommuneCode] = [:]
        for row in 0..<table.count {
            func code(_ column: Int) throws -> CommuneCode {
                guard let code = CommuneCode(table[row, column]) else {
                    throw table.error(row: row, column: column, "'\(table[row, column])' is not a commune code")
                }
                return code
            }
            let from = try code(old), to = try code(new)
            guard current[from] == nil else { throw table.error(row: row, column: old, "commune \(from) is listed twice") }
            current[from] = to
        }
        self.current = current
    }
}
