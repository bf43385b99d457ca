import Foundation
import PropiceGeometry

/// Reads the fields of a source's rows by its declaration: the key, the filters, the
/// coordinates of points, and each indicator's cell with the source's number format and
/// secrecy marks. Errors name the file, line and column.
struct RowParser {
    let table: DelimitedTable
    /// The indicators read from a column, in declaration order.
    let indicators: [IndicatorDeclaration]
    /// The key column (not for points).
    let key: Int?
    private let keyPrefix: [UInt8]
    private let valueColumns: [Int]
    private let rowFilter: [(column: Int, values: Set<String>)]
    private let indicatorFilters: [[(column: Int, values: Set<String>)]]
    private let coordinates: (x: Int, y: Int)?
    private let numbers: NumberFormat
    private let secretMarks: [[UInt8]]
    private let blankIsSecret: Bool
    private let threshold: Int?

    init(source: SourceDeclaration, table: DelimitedTable) throws {
        self.table = table
        indicators = source.indicators.filter { $0.column != nil }
        key = try source.key.map { try table.column(anyOf: $0.values) }
        keyPrefix = Array(source.keyPrefix.utf8)
        valueColumns = try indicators.map { try table.column(anyOf: $0.column!.values) }
        func filters(_ declared: [String: StringList]) throws -> [(column: Int, values: Set<String>)] {
            try declared.sorted { $0.key < $1.key }.map { (try table.column($0.key), Set($0.value.values)) }
        }
        rowFilter = try filters(source.filter)
        indicatorFilters = try indicators.map { try filters($0.filter) }
        coordinates = try source.points.map { (try table.column($0.x), try table.column($0.y)) }
        numbers = source.format.numberFormat
        secretMarks = source.format.secret.filter { !$0.isEmpty }.map { Array($0.utf8) }
        blankIsSecret = source.format.secret.contains("")
        threshold = source.format.secrecyThreshold
    }

    /// Calls `body` with the row's code, without the declared prefix.
    func withKey<R>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        table.withField(row, key!) { field in
            body(field.starts(with: keyPrefix) ? UnsafeBufferPointer(rebasing: field[keyPrefix.count...]) : field)
        }
    }

    /// The row's code, without the declared prefix.
    func keyText(_ row: Int) -> String { withKey(row) { String(decoding: $0, as: UTF8.self) } }

    /// Whether the row passes the source's `where`.
    func kept(_ row: Int) -> Bool {
        rowFilter.allSatisfy { $0.values.contains(table[row, $0.column]) }
    }

    /// A point's coordinates.
    func position(_ row: Int) throws -> Position {
        let (x, y) = coordinates!
        return Position(x: try number(row, x, what: "a coordinate"), y: try number(row, y, what: "a coordinate"))
    }

    /// An indicator's cell: known, masked within bounds, or nil when blank. Rows outside the
    /// indicator's `where` count as zero.
    func cell(_ row: Int, indicator i: Int) throws -> CellValue? {
        guard indicatorFilters[i].allSatisfy({ $0.values.contains(table[row, $0.column]) }) else { return .known(0) }
        let column = valueColumns[i]
        let values = indicators[i].values
        return try table.withField(row, column) { field -> CellValue? in
            if field.isEmpty { return blankIsSecret ? .masked(threshold: threshold) : nil }
            if secretMarks.contains(where: { $0.elementsEqual(field) }) { return .masked(threshold: threshold) }
            if !values.isEmpty {
                let word = String(decoding: field, as: UTF8.self)
                guard let value = values[word] else {
                    throw table.error(row: row, column: column, "'\(word)' is none of \(values.keys.sorted().joined(separator: ", "))")
                }
                return .known(value)
            }
            guard let value = numbers.parse(field) else { throw notANumber(row, column, what: "a number") }
            return .known(value)
        }
    }

    /// An error unless the row gives the same values as an earlier row with the same code.
    func requireSameValues(_ row: Int, as first: Int, code: String) throws {
        for i in indicators.indices where try cell(row, indicator: i) != cell(first, indicator: i) {
            throw table.error(row: row, column: valueColumns[i],
                              "\(code) is repeated with a different \(table.columns[valueColumns[i]]) than on line \(table.line(first))")
        }
    }

    private func number(_ row: Int, _ column: Int, what: String) throws -> Double {
        guard let value = table.withField(row, column, { numbers.parse($0) }) else { throw notANumber(row, column, what: what) }
        return value
    }

    private func notANumber(_ row: Int, _ column: Int, what: String) -> InputError {
        let text = table[row, column]
        var hint = ""
        if !numbers.decimalComma && text.contains(",") && Double(text.replacingOccurrences(of: ",", with: ".")) != nil {
            hint = " (for a decimal comma, declare `decimal: \",\"`)"
        } else if !numbers.spacedThousands && text.contains(" ") {
            hint = " (for thousands written with spaces, declare `thousands: space`)"
        } else if text.count <= 2 && !text.contains(where: \.isNumber) {
            hint = " (if it marks a withheld cell, declare it under `secret:`)"
        }
        return table.error(row: row, column: column, "'\(text)' is not \(what)\(hint)")
    }
}
