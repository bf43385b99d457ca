/// A source read and brought to the target COG: one value per territory and indicator.
public struct SourceData: Sendable {
    public let declaration: SourceDeclaration
    public let report: SourceReport
    /// The territories with a row: commune codes, EPCI SIREN or département codes, sorted.
    public let codes: [String]
    /// Each code's position in `codes`.
    public let index: [String: Int]
    /// For each indicator read from a column, by id: its value per code, in `codes` order;
    /// nil when the row leaves it blank.
    public let values: [String: [CellValue?]]

    /// An indicator's value for a territory; a commune without a row is zero when the source
    /// says so (`absent: zero`), unknown otherwise.
    public func value(_ indicator: String, for code: String) -> CellValue? {
        guard let row = index[code] else { return declaration.absent == .zero ? .known(0) : nil }
        return values[indicator]?[row] ?? nil
    }
}
