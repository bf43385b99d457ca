import Foundation
import PropiceGeometry

/// What has been done so far, per territory and year: a CSV (`,` or `;`, UTF-8 or Latin-1) with
/// the columns `code` (an EPCI's SIREN or a département's code), `annee` and `realise`, the
/// figure realised since the start of the plan (cumulative, as the milestones are).
public struct RealisedFigures: Sendable {
    /// By territory code, then year.
    public let figures: [String: [Int: Int]]

    public init(path: String) throws {
        let table = try TextTable(path: path)
        func column(_ name: String) throws -> Int {
            guard let index = table.columns.firstIndex(of: name) else {
                throw InputError(file: path, message: "expected the columns code, annee and realise; the columns are \(table.columns.joined(separator: ", "))")
            }
            return index
        }
        let (code, year, value) = (try column("code"), try column("annee"), try column("realise"))
        var figures: [String: [Int: Int]] = [:]
        for row in 0..<table.count {
            let territory = table[row, code].trimmingCharacters(in: .whitespaces)
            guard EPCICode(territory) != nil || (1...3).contains(territory.count) else {
                throw table.error(row: row, column: code, "'\(territory)' is neither a SIREN nor a département code")
            }
            guard let y = Int(table[row, year].trimmingCharacters(in: .whitespaces)), ProgrammeTarget.years.contains(y) else {
                throw table.error(row: row, column: year, "'\(table[row, year])' is not a year from \(ProgrammeTarget.years.lowerBound) to \(ProgrammeTarget.years.upperBound)")
            }
            guard let v = Int(table[row, value].trimmingCharacters(in: .whitespaces)), (0...ProgrammeTarget.maximumPlaces).contains(v) else {
                throw table.error(row: row, column: value, "'\(table[row, value])' is not a whole number from 0 to \(ProgrammeTarget.maximumPlaces)")
            }
            guard figures[territory]?[y] == nil else { throw table.error(row: row, column: code, "\(territory) in \(y) is given twice") }
            figures[territory, default: [:]][y] = v
        }
        self.figures = figures
    }
}
