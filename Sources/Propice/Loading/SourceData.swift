/// A source read and brought to the target COG: one value per territory and indicator.
public struct SourceData: Sendable {
    public let declaration: SourceDeclaration
    public let report: SourceReport
    /// The territories with a row (communes, EPCI or départements, by the source's level), sorted.
    public let codes: [TerritoryCode]
    /// Each code's position in `codes`.
    public let index: [TerritoryCode: Int]
    /// For each indicator read from a column, by id: its value per code, in `codes` order;
    /// nil when the row leaves it blank.
    public let values: [String: [CellValue?]]

    /// An indicator's value for a territory (nil: one whose code no row can hold); a
    /// territory without a row is zero when the source says so (`absent: zero`), unknown otherwise.
    public func value(_ indicator: String, for code: TerritoryCode?) -> CellValue? {
        guard let row = code.flatMap({ index[$0] }) else { return declaration.absent == .zero ? .known(0) : nil }
        return values[indicator]?[row] ?? nil
    }
}
