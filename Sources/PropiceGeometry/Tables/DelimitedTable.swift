import Foundation

/// A delimited text table as French producers publish them: `;`, `,` or tab between fields
/// (declared, or told from the header line), padding spaces around fields (` ; `), double
/// quotes around fields that need them, CRLF or LF line ends, UTF-8 with or without a byte
/// order mark, Latin-1 or Windows-1252.
///
/// The text is kept as UTF-8 bytes with the bounds of every field, so a field is decoded or
/// parsed as a number only when asked for.
public struct DelimitedTable: Sendable {
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

    /// The file, as named in messages.
    public let file: String
    /// The header's column names, trimmed.
    public let columns: [String]
    /// The number of rows under the header.
    public let count: Int
    private let text: [UInt8]
    /// Start and end offsets in `text` of every field, row after row.
    private let bounds: [Int32]
    /// The 1-based line of each row.
    private let lines: [Int32]

    /// Reads a file.
    public init(path: String, format: Format = Format()) throws {
        try self.init(bytes: try FileContents.read(path), file: path, format: format)
    }

    /// A table from the bytes of a file; `file` names it in messages.
    public init(bytes: [UInt8], file: String, format: Format = Format()) throws {
        guard bytes.count < Int(Int32.max) / 2 else { throw InputError(file: file, message: "tables of 1 GiB or more are not supported") }
        var text = try format.encoding.utf8Bytes(bytes, file: file)
        let delimiter = format.delimiter ?? Self.likelyDelimiter(text)
        var tokenizer = Tokenizer(delimiter: delimiter, file: file)
        try tokenizer.run(&text)
        guard let width = tokenizer.headerWidth else {
            throw InputError(file: file, message: "the table is empty: a header line was expected")
        }
        self.file = file
        self.text = text
        columns = (0..<width).map { String(decoding: text[Int(tokenizer.bounds[2 * $0])..<Int(tokenizer.bounds[2 * $0 + 1])], as: UTF8.self) }
        guard !columns.allSatisfy(\.isEmpty) else { throw InputError(file: file, message: "the table is empty: a header line was expected") }
        bounds = Array(tokenizer.bounds.dropFirst(2 * width))
        lines = Array(tokenizer.lines.dropFirst())
        count = lines.count
    }

    /// The 1-based line of a row in the file.
    public func line(_ row: Int) -> Int { Int(lines[row]) }

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

    /// An error about a field, naming its line and column.
    public func error(row: Int, column: Int, _ message: String) -> InputError {
        InputError(file: file, location: .line(line(row), column: column + 1), message: message)
    }

    /// The most frequent of `;`, tab and `,` in the header line (`;` on a tie).
    private static func likelyDelimiter(_ text: [UInt8]) -> UInt8 {
        let header = text.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")]
        let counts = candidates.map { c in header.reduce(0) { $1 == c ? $0 + 1 : $0 } }
        return candidates[counts.firstIndex(of: counts.max()!)!]
    }

    /// Splits the text into fields; unescapes doubled quotes into space appended to the text.
    private struct Tokenizer {
        let delimiter: UInt8
        let file: String
        var bounds: [Int32] = []
        var lines: [Int32] = []
        var headerWidth: Int?

        init(delimiter: UInt8, file: String) {
            self.delimiter = delimiter
            self.file = file
        }

        mutating func run(_ text: inout [UInt8]) throws {
            let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
            let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
            let delimiter = delimiter
            func isPadding(_ c: UInt8) -> Bool { c == space || (c == tab && delimiter != tab) }
            let n = text.count
            bounds.reserveCapacity(n / 4)
            var unescaped: [(field: Int, bytes: [UInt8])] = []
            var i = 0, line = 1
            var rowStart = 0, rowLine = 1
            try text.withUnsafeBufferPointer { b in
                while i < n || rowStart < bounds.count {
                    // One field: padding, then a quoted or a bare value, then padding.
                    while i < n && isPadding(b[i]) { i += 1 }
                    var start = i, end = i
                    if i < n && b[i] == quote {
                        let quoteLine = line
                        var escaped: [UInt8]? = nil
                        i += 1
                        start = i
                        while true {
                            guard i < n else {
                                throw InputError(file: file, location: .line(quoteLine, column: (bounds.count - rowStart) / 2 + 1),
                                                 message: "a quoted field is never closed")
                            }
                            if b[i] == quote {
                                if i + 1 < n && b[i + 1] == quote {
                                    if escaped == nil { escaped = Array(b[start..<i]) }
                                    escaped!.append(quote)
                                    i += 2
                                    continue
                                }
                                break
                            }
                            if b[i] == newline { line += 1 }
                            escaped?.append(b[i])
                            i += 1
                        }
                        end = i
                        i += 1
                        while i < n && isPadding(b[i]) { i += 1 }
                        if i < n && b[i] != delimiter && b[i] != newline && b[i] != carriage {
                            throw InputError(file: file, location: .line(line, column: (bounds.count - rowStart) / 2 + 1),
                                             message: "a closing quote is followed by text: a quote inside a quoted field is written twice")
                        }
                        if let escaped { unescaped.append((bounds.count, escaped)) }
                    } else {
                        while i < n && b[i] != delimiter && b[i] != newline && b[i] != carriage { i += 1 }
                        end = i
                        while end > start && isPadding(b[end - 1]) { end -= 1 }
                    }
                    bounds.append(Int32(start))
                    bounds.append(Int32(end))
                    if i < n && b[i] == delimiter { i += 1; continue }
                    // The end of a row.
                    if i < n && b[i] == carriage { i += 1 }
                    if i < n && b[i] == newline { i += 1 }
                    try endRow(rowStart: rowStart, line: rowLine)
                    line += 1
                    rowLine = line
                    rowStart = bounds.count
                    if i >= n { break }
                }
            }
            for (field, bytes) in unescaped {
                bounds[field] = Int32(text.count)
                text.append(contentsOf: bytes)
                bounds[field + 1] = Int32(text.count)
            }
        }

        /// Closes the row that starts at `rowStart`: a blank line is dropped, and a row whose
        /// width differs from the header's is an error.
        private mutating func endRow(rowStart: Int, line: Int) throws {
            let width = (bounds.count - rowStart) / 2
            if width == 1 && bounds[rowStart] == bounds[rowStart + 1] {
                bounds.removeLast(2)
                return
            }
            if let headerWidth {
                guard width == headerWidth else {
                    throw InputError(file: file, location: .line(line, column: nil), message: "\(width) field\(width == 1 ? "" : "s") where the header has \(headerWidth)")
                }
            } else {
                headerWidth = width
            }
            lines.append(Int32(line))
        }
    }
}
