import Foundation

/// A delimited text table as French producers publish them: `;`, `,` or tab between fields
/// (told from the header line), double quotes around fields that need them, UTF-8 (with or
/// without a byte order mark) or else Latin-1.
public struct DelimitedTable: Sendable {
    public let columns: [String]
    /// The rows, each as many fields as there are columns.
    public let rows: [[String]]
    /// The line number (1-based) of each row in the file, for messages.
    public let lines: [Int]

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot read the file")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let text = String(validating: bytes, as: UTF8.self) ?? String(bytes.map { Character(Unicode.Scalar($0)) })
        try self.init(text: text, file: path)
    }

    /// A table from its text; `file` names it in messages.
    public init(text: String, file: String) throws {
        let records = Self.records(text)
        guard let header = records.first, !header.fields.allSatisfy(\.isEmpty) else {
            throw InputError(file: file, message: "the table is empty: a header line was expected")
        }
        columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[String]] = [], lines: [Int] = []
        for record in records.dropFirst() where !(record.fields.count == 1 && record.fields[0].isEmpty) {
            guard record.fields.count == columns.count else {
                throw InputError(file: file, location: .line(record.line, column: nil),
                                 message: "\(record.fields.count) fields where the header has \(columns.count)")
            }
            rows.append(record.fields)
            lines.append(record.line)
        }
        self.rows = rows
        self.lines = lines
    }

    /// The index of a column, or an error naming the columns there are.
    public func column(_ name: String, file: String) throws -> Int {
        guard let index = columns.firstIndex(of: name) else {
            throw InputError(file: file, message: "no column '\(name)'; the columns are \(columns.joined(separator: ", "))")
        }
        return index
    }

    /// Splits the text into records of fields, with the separator most frequent in the header.
    private static func records(_ text: String) -> [(line: Int, fields: [String])] {
        let headerLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let separator: Character = [";", "\t", ","].max { a, b in
            headerLine.filter { $0 == a }.count < headerLine.filter { $0 == b }.count
        }!
        var records: [(Int, [String])] = []
        var fields: [String] = [], field = "", quoted = false, inQuotes = false
        var line = 1, recordLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let following = characters.next() {
                        if following == "\"" { field.append("\"") } else { inQuotes = false; pending = following }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else if c == separator {
                fields.append(field)
                field = ""
                quoted = false
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                fields.append(field)
                records.append((recordLine, fields))
                fields = []; field = ""; quoted = false
                line += 1
                recordLine = line
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty || quoted { fields.append(field); records.append((recordLine, fields)) }
        return records
    }
}
