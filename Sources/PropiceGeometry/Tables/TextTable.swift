import Foundation

/// A table of text fields under a header, as French producers publish them: a delimited text
/// file (`;`, `,` or tab between fields, declared or told from the header line; padding
/// spaces around fields, ` ; `; double quotes around fields that need them; CRLF or LF line
/// ends; UTF-8 with or without a byte order mark, Latin-1 or Windows-1252), such a file inside
/// a zip archive, or a sheet of an Excel workbook.
///
/// The text is kept as UTF-8 bytes with the bounds of every field, so a field is decoded or
/// parsed as a number only when asked for.
public struct TextTable: Sendable {
    /// How the file is written.
    public struct Format: Sendable, Equatable {
        /// The byte between fields; nil to take the most frequent of `;`, tab and `,` in the header.
        public var delimiter: UInt8?
        public var encoding: TextEncoding

        public init(delimiter: UInt8? = nil, encoding: TextEncoding = .detect) {
            self.delimiter = delimiter
            self.encoding = encoding
        }
    }

    /// The file, as named in messages (with the member, for a file inside a zip archive).
    public let file: String
    /// The workbook sheet the table was read from; nil for a delimited file.
    public let sheet: String?
    /// The header's column names, trimmed.
    public let columns: [String]
    /// The number of rows under the header.
    public let count: Int
    private let text: [UInt8]
    /// Start and end offsets in `text` of every field, row after row.
    private let bounds: [Int32]
    /// The 1-based line of each row (its row number, in a sheet).
    private let lines: [Int32]
    /// The fields (by index in `bounds` / 2) of a sheet's error cells (`#N/A`, `#DIV/0!`), left empty.
    private let errorCells: Set<Int>

    /// Reads a table: a delimited file, a delimited member of a zip archive, or a sheet of a workbook.
    public init(path: String, in container: TableContainer = .file, format: Format = Format()) throws {
        switch container {
        case .file:
            let bytes = try FileContents.read(path)
            guard !bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
                throw InputError(file: path, message: "is a zip archive, not a delimited table: declare the member to read (member:), or the sheet (sheet:) of an Excel workbook")
            }
            try self.init(bytes: bytes, file: path, format: format)
        case .zipMember(let member):
            let archive = try ZipArchive(path: path)
            try self.init(bytes: try archive.contents(of: member), file: "\(path), member \(member)", format: format)
        case .sheet(let name, let headerRow):
            self = try Workbook(path: path).table(sheet: name, headerRow: headerRow)
        }
    }

    /// About how many bytes reading the table takes in: the file's, or once inflated, a zip
    /// member's or a whole workbook's; 0 when the file cannot be read (reading it says why).
    /// Tables read in parallel are taken largest first.
    public static func sizeToRead(path: String, in container: TableContainer = .file) -> Int {
        switch container {
        case .file: ByteSource.size(of: path) ?? 0
        case .zipMember(let member): (try? ZipArchive(path: path))?.declaredSize(of: member) ?? 0
        case .sheet: (try? ZipArchive(path: path))?.declaredSize ?? 0
        }
    }

    /// A table already split into fields: `bounds` holds the start and end offsets in `text`
    /// of every row's fields, row after row; `lines` the line of each row.
    init(file: String, sheet: String, headerRow: Int, columns: [String], text: [UInt8], bounds: [Int32], lines: [Int32],
         errorCells: Set<Int>) throws {
        try Self.requireDistinct(columns, file: file) { .cell(sheet: sheet, row: headerRow, column: $0 + 1) }
        self.file = file
        self.sheet = sheet
        self.columns = columns
        self.text = text
        self.bounds = bounds
        self.lines = lines
        self.errorCells = errorCells
        count = lines.count
    }

    /// A table from the bytes of a file; `file` names it in messages.
    public init(bytes: [UInt8], file: String, format: Format = Format()) throws {
        guard bytes.count < Int(Int32.max) / 2 else { throw InputError(file: file, message: "tables of 1 GiB or more are not supported") }
        var text = try format.encoding.utf8Bytes(bytes, file: file)
        let delimiter = format.delimiter ?? Self.likelyDelimiter(text)
        var tokenizer = DelimitedTokenizer(delimiter: delimiter, file: file)
        try tokenizer.run(&text)
        guard let width = tokenizer.headerWidth else {
            throw InputError(file: file, message: "the table is empty: a header line was expected")
        }
        self.file = file
        sheet = nil
        errorCells = []
        self.text = text
        columns = (0..<width).map { String(decoding: text[Int(tokenizer.bounds[2 * $0])..<Int(tokenizer.bounds[2 * $0 + 1])], as: UTF8.self) }
        guard !columns.allSatisfy(\.isEmpty) else { throw InputError(file: file, message: "the table is empty: a header line was expected") }
        let headerLine = Int(tokenizer.lines.first ?? 1)
        try Self.requireDistinct(columns, file: file) { .line(headerLine, column: $0 + 1) }
        bounds = Array(tokenizer.bounds.dropFirst(2 * width))
        lines = Array(tokenizer.lines.dropFirst())
        count = lines.count
    }

    /// The 1-based line of a row in the file (its row number, in a sheet).
    public func line(_ row: Int) -> Int { Int(lines[row]) }

    /// Where a row is, for messages: `line 12`, or `row 12` in a sheet.
    public func place(_ row: Int) -> String { "\(sheet == nil ? "line" : "row") \(line(row))" }

    /// Whether a field is a sheet's error cell (`#N/A`, `#DIV/0!`…): empty, and to be read as missing.
    public func isErrorCell(_ row: Int, _ column: Int) -> Bool {
        !errorCells.isEmpty && errorCells.contains(row * columns.count + column)
    }

    /// A field's text.
    public subscript(row: Int, column: Int) -> String {
        withField(row, column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with a field's UTF-8 bytes.
    public func withField<R>(_ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let k = 2 * (row * columns.count + column)
        let start = Int(bounds[k]), end = Int(bounds[k + 1])
        return try text.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The index of a column, or an error naming the columns there are.
    public func column(_ name: String) throws -> Int {
        try column(anyOf: [name])
    }

    /// The index of the first of `names` the header has, or an error naming the columns there are.
    public func column(anyOf names: [String]) throws -> Int {
        for name in names { if let index = columns.firstIndex(of: name) { return index } }
        let wanted = names.count == 1 ? "no column '\(names[0])'" : "none of the columns \(names.map { "'\($0)'" }.joined(separator: ", "))"
        let oneColumn = columns.count == 1 && columns[0].contains { ";,\t".contains($0) }
        let hint = oneColumn ? " (the header is read as one column: the file's delimiter is not the one declared)" : ""
        throw InputError(file: file, message: "\(wanted); the columns are \(columns.joined(separator: ", "))\(hint)")
    }

    /// An error about a field, naming its line and column, or its sheet and cell.
    public func error(row: Int, column: Int, _ message: String) -> InputError {
        let location: InputError.Location = if let sheet { .cell(sheet: sheet, row: line(row), column: column + 1) }
                                            else { .line(line(row), column: column + 1) }
        return InputError(file: file, location: location, message: message)
    }

    /// An error when the header names a column twice: which of the two to read would be a guess.
    /// Unnamed columns (an empty header cell) may repeat.
    private static func requireDistinct(_ columns: [String], file: String, at place: (Int) -> InputError.Location) throws {
        var first: [String: Int] = [:]
        for (i, name) in columns.enumerated() where !name.isEmpty {
            guard let earlier = first[name] else { first[name] = i; continue }
            throw InputError(file: file, location: place(i),
                             message: "the header names the column '\(name)' twice (columns \(earlier + 1) and \(i + 1)): which to read is ambiguous")
        }
    }

    /// The most frequent of `;`, tab and `,` in the header line (`;` on a tie).
    private static func likelyDelimiter(_ text: [UInt8]) -> UInt8 {
        let header = text.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")]
        let counts = candidates.map { c in header.reduce(0) { $1 == c ? $0 + 1 : $0 } }
        return candidates[counts.firstIndex(of: counts.max()!)!]
    }
}
