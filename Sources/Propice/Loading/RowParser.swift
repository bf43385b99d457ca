import Foundation
import PropiceGeometry

/// Reads the fields of a source's rows by its declaration: the key, the filters, the
/// coordinates of points, and each indicator's cell with the source's number format and
/// secrecy marks. Errors name the file, line and column.
struct RowParser {
    let table: TextTable
    /// The indicators read from a column, in declaration order.
    let indicators: [IndicatorDeclaration]
    /// The key column; for points, which have none, the x column (rows are not keyed).
    let key: Int
    private let keyPrefix: [UInt8]
    private let valueColumns: [Int]
    /// The separator of each indicator whose cells list items, nil for the others.
    private let itemSeparators: [UInt8?]
    private let rowFilter: [(column: Int, values: Set<String>)]
    private let indicatorFilters: [[(column: Int, values: Set<String>)]]
    private let coordinates: (x: Int, y: Int)?
    private let numbers: NumberFormat
    private let secretMarks: [[UInt8]]
    private let blankIsSecret: Bool
    private let threshold: Int?

    init(source: SourceDeclaration, table: TextTable) throws {
        self.table = table
        indicators = source.indicators.filter { $0.column != nil }
        coordinates = try source.points.map { (try table.column($0.x), try table.column($0.y)) }
        if let declared = source.key {
            key = try table.column(anyOf: declared.values)
        } else if let coordinates {
            key = coordinates.x
        } else {
            throw InputError(file: table.file, message: "source \(source.id) names no key column (key:)")
        }
        keyPrefix = Array(source.keyPrefix.utf8)
        valueColumns = try indicators.map { try table.column(anyOf: $0.column?.values ?? []) }
        itemSeparators = indicators.map { $0.items?.utf8.first }
        func filters(_ declared: [String: StringList]) throws -> [(column: Int, values: Set<String>)] {
            try declared.sorted { $0.key < $1.key }.map { (try table.column($0.key), Set($0.value.values)) }
        }
        rowFilter = try filters(source.filter)
        indicatorFilters = try indicators.map { try filters($0.filter) }
        numbers = source.format.numberFormat
        secretMarks = source.format.secret.filter { !$0.isEmpty }.map { Array($0.utf8) }
        blankIsSecret = source.format.secret.contains("")
        threshold = source.format.secrecyThreshold
    }

    /// Calls `body` with the row's code, without the declared prefix.
    func withKey<R>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        table.withField(row, key) { field in
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
        guard let (x, y) = coordinates else { throw InputError(file: table.file, message: "the source declares no point coordinates (points:)") }
        return Position(x: try number(row, x, what: "a coordinate"), y: try number(row, y, what: "a coordinate"))
    }

    /// An indicator's cell: known, masked within bounds, or nil when blank (or a sheet's error
    /// cell). Rows outside the indicator's `where` count as zero.
    func cell(_ row: Int, indicator i: Int) throws -> CellValue? {
        guard indicatorFilters[i].allSatisfy({ $0.values.contains(table[row, $0.column]) }) else { return .known(0) }
        let column = valueColumns[i]
        if table.isErrorCell(row, column) { return nil }
        let categories = indicators[i].categories
        return try table.withField(row, column) { field -> CellValue? in
            if let separator = itemSeparators[i] {
                return .known(Double(field.split(separator: separator).filter { $0.contains { $0 != UInt8(ascii: " ") } }.count))
            }
            if field.isEmpty, categories[""] == nil { return blankIsSecret ? .masked(threshold: threshold) : nil }
            if secretMarks.contains(where: { $0.elementsEqual(field) }) { return .masked(threshold: threshold) }
            if !categories.isEmpty {
                let word = String(decoding: field, as: UTF8.self)
                guard let value = categories[word] else {
                    let listed = categories.keys.sorted().map { $0.isEmpty ? "an empty cell" : "'\($0)'" }.joined(separator: ", ")
                    throw table.error(row: row, column: column, "'\(word)' is not one of the categories declared (\(listed))")
                }
                return .known(value)
            }
            guard let value = numbers.parse(field) else { throw notANumber(row, column, what: "a number") }
            guard value.isFinite else { throw outOfRange(row, column) }
            guard value >= 0 || indicators[i].signed else {
                throw table.error(row: row, column: column,
                                  "'\(table[row, column])' is below zero, and the indicator \(indicators[i].id) is not declared signed (signed: true)")
            }
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
        guard value.isFinite else { throw outOfRange(row, column) }
        return value
    }

    /// A number too large for a double (`1e400`).
    private func outOfRange(_ row: Int, _ column: Int) -> InputError {
        table.error(row: row, column: column, "'\(table[row, column])' is out of range: larger than any figure can be (about 1.8e308)")
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
