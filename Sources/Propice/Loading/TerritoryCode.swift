import PropiceGeometry

/// The territory a source's row lands on, by the source's level: a commune, an EPCI or a
/// département, each with its own code type.
public enum TerritoryCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    case commune(CommuneCode)
    case epci(EPCICode)
    case departement(DepartementCode)

    /// The code as written in files.
    public var value: String {
        switch self {
        case .commune(let code): code.value
        case .epci(let code): code.value
        case .departement(let code): code.value
        }
    }

    public var description: String { value }

    /// Codes of one level sort as their text does; communes before EPCI before départements.
    public static func < (a: TerritoryCode, b: TerritoryCode) -> Bool {
        switch (a, b) {
        case (.commune(let a), .commune(let b)): a < b
        case (.epci(let a), .epci(let b)): a < b
        case (.departement(let a), .departement(let b)): a < b
        default: a.level < b.level
        }
    }

    /// The level's place in the order of levels.
    private var level: Int {
        switch self {
        case .commune: 0
        case .epci: 1
        case .departement: 2
        }
    }
}
