import Foundation
import PropiceGeometry

/// What has been done so far, per territory and year: a CSV (`,` or `;`, UTF-8 or Latin-1) with
/// the columns `code` (an EPCI's SIREN or a département's code), `annee` and `realise`, the
/// figure realised since the start of the plan (cumulative, as the milestones are).
public struct RealisedFigures: Sendable {
    /// By EPCI, then year.
    public let epci: [EPCICode: [Int: Int]]
    /// By département, then year.
    public let departements: [DepartementCode: [Int: Int]]

    public init(path: String) throws {
        let table = try TextTable(path: path)
        func column(_ name: String) throws -> Int {
            guard let index = table.columns.firstIndex(of: name) else {
                throw InputError(file: path, message: "expected the columns code, annee and realise; the columns are \(table.columns.joined(separator: ", "))")
            }
            return index
        }
        let (code, year, value) = (try column("code"), try column("annee"), try column("realise"))
        var epci: [EPCICode: [Int: Int]] = [:], departements: [DepartementCode: [Int: Int]] = [:]
        for row in 0..<table.count {
            let text = table[row, code]
            guard let territory = Territory(text) else {
                throw table.error(row: row, column: code, "'\(text)' is neither a SIREN nor a département code")
            }
            guard let y = Int(table[row, year].trimmingCharacters(in: .whitespaces)), ProgrammeTarget.years.contains(y) else {
                throw table.error(row: row, column: year, "'\(table[row, year])' is not a year from \(ProgrammeTarget.years.lowerBound) to \(ProgrammeTarget.years.upperBound)")
            }
            guard let v = Int(table[row, value].trimmingCharacters(in: .whitespaces)), (0...ProgrammeTarget.maximumPlaces).contains(v) else {
                throw table.error(row: row, column: value, "'\(table[row, value])' is not a whole number from 0 to \(ProgrammeTarget.maximumPlaces)")
            }
            let given = switch territory {
            case .epci(let siren): epci[siren, default: [:]].updateValue(v, forKey: y)
            case .departement(let departement): departements[departement, default: [:]].updateValue(v, forKey: y)
            }
            guard given == nil else { throw table.error(row: row, column: code, "\(territory.code) in \(y) is given twice") }
        }
        self.epci = epci
        self.departements = departements
    }

    /// The territory of a row: an EPCI or a département.
    private enum Territory {
        case epci(EPCICode)
        case departement(DepartementCode)

        init?(_ text: String) {
            if let siren = EPCICode(text) {
                self = .epci(siren)
            } else if let departement = DepartementCode(text) {
                self = .departement(departement)
            } else {
                return nil
            }
        }

        var code: String {
            switch self {
            case .epci(let siren): siren.value
            case .departement(let departement): departement.value
            }
        }
    }
}
