import PropiceGeometry

/// What reading a source found: rows, codes matched and migrated, what was left out, and the
/// masked cells. `propice validate` prints it.
public struct SourceReport: Sendable, Equatable {
    /// A code that matches no territory of the target COG.
    public struct Unmatched: Sendable, Equatable {
        public var code: String
        public var line: Int
    }

    /// A point in no commune polygon.
    public struct Outside: Sendable, Equatable {
        public var line: Int
        public var position: Position
    }

    /// Data rows in the file.
    public var rows = 0
    /// Rows left out by the source's `where`.
    public var filteredOut = 0
    /// Rows that repeat an earlier one with the same code (INSEE's postal-code rows).
    public var repeatedRows = 0
    /// Rows of an EPCI file for the communes in no EPCI (`ZZZZZZZZZ`), which belong to no EPCI.
    public var withoutEPCI = 0
    /// Rows of municipal arrondissements left out because their commune has a row of its own.
    public var arrondissementsLeftOut = 0
    /// Distinct territories of the target COG that have a row.
    public var matched = 0
    /// Codes brought to the target COG (older codes, municipal arrondissements), each once.
    public var migrated: [CommuneCodeMigration.Migration] = []
    /// The communes that codes migrated to and that also have a row under their own code.
    public var rowsUnderOwnCode = Set<CommuneCode>()
    /// Codes left out because they match no territory (only when the source allows it).
    public var unmatched: [Unmatched] = []
    /// Points in no commune polygon.
    public var outside: [Outside] = []
    /// Cells withheld for secrecy.
    public var masked = 0

    /// Current communes with no row under their own code, valued from the rows of their former
    /// communes (a commune created since the file's COG): each with the codes it came from.
    public var valuedFromFormerCodes: [(commune: CommuneCode, from: [CommuneCode])] {
        let created = Set(migrated.map(\.to)).subtracting(rowsUnderOwnCode)
        return Dictionary(grouping: migrated.filter { created.contains($0.to) }, by: \.to)
            .map { ($0.key, $0.value.map(\.from).sorted()) }.sorted { $0.commune < $1.commune }
    }
}
