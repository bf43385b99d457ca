import Foundation
import PropiceGeometry

/// The communes and EPCI of one COG vintage, from INSEE's commune → EPCI membership table.
///
/// Communes in no EPCI (INSEE's `ZZZZZZZZZ`: four islands) stay communes and never form an
/// EPCI. An EPCI that spans several départements or régions is kept whole and says so.
public struct Territories: Sendable {
    /// A commune of the vintage.
    public struct Commune: Sendable, Equatable {
        public var code: CommuneCode
        public var name: String
        /// Nil for a commune in no EPCI.
        public var epci: EPCICode?
        public var departement: DepartementCode
        /// Nil when the table does not give it.
        public var region: String?
    }

    /// An EPCI of the vintage.
    public struct EPCI: Sendable, Equatable {
        public var code: EPCICode
        public var name: String
        public var nature: EPCINature
        /// The départements and régions of its communes, sorted.
        public var departements: [DepartementCode]
        public var regions: [String]
        /// Its member communes, sorted.
        public var communes: [CommuneCode]

        public var spansSeveralDepartements: Bool { departements.count > 1 }
        public var spansSeveralRegions: Bool { regions.count > 1 }
    }

    /// The communes, by code.
    public let communes: [CommuneCode: Commune]
    /// The EPCI, by SIREN.
    public let epci: [EPCICode: EPCI]
    /// The départements' names, by code, when the table gives them (COG 2025's `NOM_DEP`).
    public let departementNames: [DepartementCode: String]
    /// Whether each commune slot (`CommuneCode.slot`) is a commune of the vintage: the sources'
    /// hundreds of thousands of rows are matched without hashing their codes.
    private let listed: [Bool]

    /// Whether `code` is a commune of the vintage (a key of `communes`).
    public func contains(_ code: CommuneCode) -> Bool { listed[code.slot] }

    /// Reads a membership table in one of INSEE's layouts: COG 2025's `communes-epci.csv`
    /// (`DEPCOM`, `NOM_DEPCOM`, `EPCI`, `NOM_EPCI`, `NATURE_EPCI`, `DEP`, `NOM_DEP`, `REG`) or the flat
    /// 2024 file (`insee_com`, `nom_com`, `siren_epci`, `nom_epci`, `type_epci`). A bad code, an
    /// unknown nature or a commune listed twice is an error naming the line and column.
    public init(membership path: String) throws {
        let table = try TextTable(path: path)
        let layout = try Layout(table, file: path)
        var communes: [CommuneCode: Commune] = [:]
        communes.reserveCapacity(table.count)
        var epci: [EPCICode: EPCI] = [:]
        var departementNames: [DepartementCode: String] = [:]
        for row in 0..<table.count {
            func field(_ column: Int?) -> String { column.map { table[row, $0] } ?? "" }
            func failure(_ column: Int, _ message: String) -> InputError { table.error(row: row, column: column, message) }
            guard let code = CommuneCode(field(layout.commune)) else {
                throw failure(layout.commune, "'\(field(layout.commune))' is not a commune code")
            }
            guard communes[code] == nil else { throw failure(layout.commune, "commune \(code) is listed twice") }
            let group = field(layout.epci)
            let epciCode = EPCICode(group)
            guard epciCode != nil || group == EPCICode.noEPCI || group.isEmpty else {
                throw failure(layout.epci, "'\(group)' is neither an EPCI's SIREN nor ZZZZZZZZZ (no EPCI)")
            }
            var departement = code.departement
            if let column = layout.departement {
                guard let given = DepartementCode(field(column)) else { throw failure(column, "'\(field(column))' is not a département code") }
                departement = given
            }
            let commune = Commune(code: code, name: field(layout.communeName), epci: epciCode, departement: departement,
                                  region: layout.region.map { field($0) })
            communes[code] = commune
            if let column = layout.departementName { departementNames[commune.departement] = field(column) }
            guard let epciCode else { continue }
            guard let nature = EPCINature(code: field(layout.nature)) else {
                throw failure(layout.nature, "'\(field(layout.nature))' is not an EPCI nature (CA, CC, CU, ME, METRO, MET69)")
            }
            // In place: a copy of the entry would copy its communes at every row.
            func include(_ entry: inout EPCI) {
                entry.communes.append(code)
                if !entry.departements.contains(commune.departement) { entry.departements.append(commune.departement) }
                if let region = commune.region, !entry.regions.contains(region) { entry.regions.append(region) }
            }
            include(&epci[epciCode, default: EPCI(code: epciCode, name: field(layout.epciName), nature: nature,
                                                 departements: [], regions: [], communes: [])])
        }
        self.communes = communes
        var listed = [Bool](repeating: false, count: CommuneCode.slotCount)
        for code in communes.keys { listed[code.slot] = true }
        self.listed = listed
        self.departementNames = departementNames
        self.epci = epci.mapValues { group in
            var group = group
            group.departements.sort()
            group.regions.sort()
            group.communes.sort()
            return group
        }
    }

    /// The communes in no EPCI, by code.
    public var communesWithoutEPCI: [Commune] {
        communes.values.filter { $0.epci == nil }.sorted { $0.code < $1.code }
    }

    /// Where each field is in one of the layouts.
    private struct Layout {
        var commune: Int, communeName: Int?, epci: Int, epciName: Int?, nature: Int
        var departement: Int?, departementName: Int?, region: Int?

        init(_ table: TextTable, file: String) throws {
            func column(_ names: [String]) -> Int? { names.lazy.compactMap { table.columns.firstIndex(of: $0) }.first }
            guard let commune = column(["DEPCOM", "insee_com"]), let epci = column(["EPCI", "siren_epci"]),
                  let nature = column(["NATURE_EPCI", "type_epci"]) else {
                throw InputError(file: file, message: "not a commune → EPCI membership table: expected DEPCOM, EPCI and NATURE_EPCI "
                                 + "(or insee_com, siren_epci and type_epci); the columns are \(table.columns.joined(separator: ", "))")
            }
            self.commune = commune
            self.epci = epci
            self.nature = nature
            communeName = column(["NOM_DEPCOM", "nom_com"])
            epciName = column(["NOM_EPCI", "nom_epci"])
            departement = column(["DEP"])
            departementName = column(["NOM_DEP"])
            region = column(["REG"])
        }
    }
}
