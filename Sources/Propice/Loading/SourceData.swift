import PropiceGeometry

/// A source read and brought to the target COG: one value per territory and indicator.
public struct SourceData: Sendable {
    public let declaration: SourceDeclaration
    public let report: SourceReport
    /// The territories with a row (communes, EPCI or départements, by the source's level), sorted.
    public let codes: [TerritoryCode]
    /// For each indicator read from a column, by id: its value per code, in `codes` order;
    /// nil when the row leaves it blank.
    public let values: [String: [CellValue?]]

    /// An indicator's value for a territory (nil: one whose code no row can hold); a
    /// territory without a row is zero when the source says so (`absent: zero`), unknown otherwise.
    public func value(_ indicator: String, for code: TerritoryCode?) -> CellValue? {
        guard let row = code.flatMap(position(of:)) else { return declaration.absent == .zero ? .known(0) : nil }
        return values[indicator]?[row] ?? nil
    }

    /// A code's position in `codes`, found by bisection; nil when no row lands on it. (A
    /// dictionary of the positions took 2 MiB per source of communes, for few lookups.)
    public func position(of code: TerritoryCode) -> Int? {
        var low = 0, high = codes.count
        while low < high {
            let middle = (low + high) / 2
            if codes[middle] < code { low = middle + 1 } else { high = middle }
        }
        return low < codes.count && codes[low] == code ? low : nil
    }

    /// The position in `codes` of each of `communes`, which are sorted as `codes` are; nil for
    /// those without a row. One pass over both.
    func positions(ofSorted communes: [CommuneCode]) -> [Int?] {
        var positions = [Int?](repeating: nil, count: communes.count)
        var j = 0
        for (i, commune) in communes.enumerated() {
            while j < codes.count, codes[j] < .commune(commune) { j += 1 }
            if j < codes.count, codes[j] == .commune(commune) { positions[i] = j }
        }
        return positions
    }
}
