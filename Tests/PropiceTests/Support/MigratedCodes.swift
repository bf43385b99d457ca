@testable import Propice
import PropiceGeometry

/// A list of codes brought to the current COG in one go, to test the table of historical codes.
extension CommuneCodeMigration {
    /// The codes of a file brought to the current COG.
    struct Result: Sendable, Equatable {
        /// Each input code's current code, nil for a code the table does not know.
        var codes: [CommuneCode?]
        /// The codes that changed, each once, in the order met: old → current.
        var migrated: [Migration]
        /// The codes the table does not know, each once, in the order met.
        var unknown: [CommuneCode]
    }

    /// The codes brought to the current COG, with what changed and what is unknown.
    func migrate(_ codes: [CommuneCode]) -> Result {
        var result = Result(codes: [], migrated: [], unknown: [])
        var seen = Set<CommuneCode>()
        for code in codes {
            let to = current[code]
            result.codes.append(to)
            guard seen.insert(code).inserted else { continue }
            if let to { if to != code { result.migrated.append(Migration(from: code, to: to)) } } else { result.unknown.append(code) }
        }
        return result
    }
}
