@testable import Propice
import PropiceGeometry

/// Codes written as literals in the tests: five characters a commune, nine an EPCI, else a
/// département. The library itself never reads a code from a string without its level.
extension TerritoryCode: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        if text.count == 9, let code = EPCICode(text) {
            self = .epci(code)
        } else if text.count == 5, let code = CommuneCode(text) {
            self = .commune(code)
        } else if let code = DepartementCode(text) {
            self = .departement(code)
        } else {
            preconditionFailure("'\(text)' is no code of the tests")
        }
    }
}
