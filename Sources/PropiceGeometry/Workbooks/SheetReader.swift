/// Reads one sheet's XML (`<sheetData>`: `<row r>` of `<c r t>` cells holding `<v>` or
/// `<is><t>`) into a `TextTable` whose header is the row `headerRow`. What a small part can
/// make the reader hold is bounded: the text of the cells (a long shared string named by many
/// cells) under 2 GiB, and the fields under the header (rows × columns) to `maximumFields`.
struct SheetReader {
    /// The most fields (rows × the header's columns) a sheet's table may have: 50 million,
    /// a hundred times INSEE's largest sheets.
    static let maximumFields = 50_000_000

    let file: String
    let sheet: String
    let headerRow: Int
    let strings: SharedStrings?

    private var text: [UInt8] = []
    private var bounds: [Int32] = []
    private var lines: [Int32] = []
    private var errorCells = Set<Int>()
    private var columns: [String]?
    /// The fields of the row being read, by column: start and end offsets in `text` (equal when empty).
    private var row: [Int32] = []
    private var rowNumber = 0
    private var rowOpen = false
    private var rowHasValue = false
    private var rowErrors: [Int] = []
    /// The header row's cells, before its width is known.
    private var headerCells: [(column: Int, text: [UInt8])] = []
    private var lastRow = 0

    init(file: String, sheet: String, headerRow: Int, strings: SharedStrings?) {
        self.file = file
        self.sheet = sheet
        self.headerRow = headerRow
        self.strings = strings
    }

    mutating func read(_ bytes: [UInt8], part: String) throws -> TextTable {
        var column = 0, type = CellType.number, inValue = false, inInline = false, inText = false, phonetic = 0
        var value: [UInt8] = []
        try XMLEvents.parse(bytes, part: part, file: file, start: { element in
            if element.isNamed("row") {
                let number = element.withAttribute("r") { $0.flatMap(Self.integer) } ?? rowNumber + 1
                guard number > rowNumber, number <= CellReference.maximumRow else {
                    throw InputError(file: file, message: "sheet '\(sheet)': row \(number) is out of order or beyond a sheet's last row")
                }
                try endRow()
                startRow(number)
                column = 0
            } else if element.isNamed("c") {
                let referenced: Int?? = element.withAttribute("r") { $0.map { CellReference.column(of: $0) } }
                guard let next = referenced ?? column + 1 else {
                    throw InputError(file: file, message: "sheet '\(sheet)', row \(rowNumber): a cell's reference is not a column of a sheet")
                }
                guard next > column else {
                    throw cellError(next, "the cell comes after cell \(CellReference.letters(column))\(rowNumber) in its row: a cell is given twice, or out of order")
                }
                column = next
                type = element.withAttribute("t") { $0.map(CellType.init) } ?? .number
                value.removeAll(keepingCapacity: true)
            } else if element.isNamed("v") {
                inValue = true
            } else if element.isNamed("is") {
                inInline = true
            } else if element.isNamed("t") {
                inText = inInline
            } else if element.isNamed("rPh") {
                phonetic += 1
            }
        }, end: { element in
            if element.isNamed("c") { try endCell(column, type, value) }
            else if element.isNamed("v") { inValue = false }
            else if element.isNamed("is") { inInline = false }
            else if element.isNamed("t") { inText = false }
            else if element.isNamed("rPh") { phonetic = max(phonetic - 1, 0) }
            else if element.isNamed("row") { try endRow() }
        }, text: { text in
            if inValue || (inText && phonetic == 0) { value.append(contentsOf: text) }
        })
        try endRow()
        guard let columns else {
            throw InputError(file: file, message: lastRow < headerRow
                ? "sheet '\(sheet)' ends at row \(lastRow): there is no header on row \(headerRow)"
                : "sheet '\(sheet)': row \(headerRow), where the header was expected, is empty")
        }
        return try TextTable(file: file, sheet: sheet, headerRow: headerRow, columns: columns, text: text, bounds: bounds, lines: lines, errorCells: errorCells)
    }

    /// What a cell's `t` attribute says it holds.
    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error

        init(_ name: UnsafeBufferPointer<UInt8>) {
            func equals(_ text: StaticString) -> Bool {
                text.withUTF8Buffer { $0.count == name.count && $0.elementsEqual(name) }
            }
            self = if equals("s") { .sharedString } else if equals("inlineStr") { .inlineString } else if equals("str") { .formulaString }
                else if equals("b") { .boolean } else if equals("e") { .error } else { .number }
        }
    }

    private mutating func startRow(_ number: Int) {
        rowNumber = number
        rowOpen = true
        lastRow = number
        rowHasValue = false
        rowErrors.removeAll(keepingCapacity: true)
        if let columns { row = [Int32](repeating: Int32(text.count), count: 2 * columns.count) }
    }

    /// Stores a cell of the current row.
    private mutating func endCell(_ column: Int, _ type: CellType, _ value: [UInt8]) throws {
        guard rowNumber > headerRow ? columns != nil : rowNumber == headerRow else { return }
        // The cell's bytes where they lie: a shared string in the table, not copied for each cell.
        let bytes: ArraySlice<UInt8>
        switch type {
        case .sharedString:
            guard let index = value.withUnsafeBufferPointer(Self.integer) else {
                throw cellError(column, "the cell names no shared string ('\(String(decoding: value, as: UTF8.self))')")
            }
            guard let string = strings?[index] else {
                throw cellError(column, "the cell names shared string \(index), which the workbook does not have")
            }
            bytes = string
        case .error:
            if columns != nil { rowErrors.append(column) }
            return
        case .number, .inlineString, .formulaString, .boolean:
            bytes = value[...]
        }
        let trimmed = Self.trimmed(bytes)
        guard !trimmed.isEmpty else { return }
        guard text.count + trimmed.count < Int(Int32.max) else {
            throw cellError(column, "the sheet's text reaches 2 GiB: tables of 2 GiB or more are not supported")
        }
        guard let columns else {
            headerCells.append((column, Array(trimmed)))
            return
        }
        guard column <= columns.count else {
            throw cellError(column, "a value lies beyond the header's last column, \(CellReference.letters(columns.count))")
        }
        let start = Int32(text.count)
        text.append(contentsOf: trimmed)
        row[2 * (column - 1)] = start
        row[2 * (column - 1) + 1] = Int32(text.count)
        rowHasValue = true
    }

    /// Closes the current row: the header becomes the columns; a data row with a value is kept.
    private mutating func endRow() throws {
        guard rowOpen else { return }
        rowOpen = false
        guard rowNumber >= headerRow else { return }
        if columns == nil {
            guard rowNumber == headerRow, let last = headerCells.map(\.column).max() else { return }
            var names = [String](repeating: "", count: last)
            for cell in headerCells { names[cell.column - 1] = String(decoding: cell.text, as: UTF8.self) }
            columns = names
            return
        }
        guard let columns, rowHasValue || !rowErrors.isEmpty else { return }
        let field = lines.count * columns.count
        guard field + columns.count <= Self.maximumFields else {
            throw InputError(file: file, message: "sheet '\(sheet)' holds more than \(Self.maximumFields) fields under its \(columns.count)-column header (row \(rowNumber))")
        }
        for column in rowErrors { errorCells.insert(field + column - 1) }
        bounds.append(contentsOf: row)
        lines.append(Int32(rowNumber))
    }

    private func cellError(_ column: Int, _ message: String) -> InputError {
        InputError(file: file, location: .cell(sheet: sheet, row: rowNumber, column: column), message: message)
    }

    /// A non-negative decimal integer of at most 9 digits.
    private static func integer(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var n = 0
        for c in digits {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(c - UInt8(ascii: "0"))
        }
        return n
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }
}
