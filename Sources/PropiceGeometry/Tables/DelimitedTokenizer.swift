/// Splits delimited text into fields and rows for `TextTable`.
struct DelimitedTokenizer {
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
