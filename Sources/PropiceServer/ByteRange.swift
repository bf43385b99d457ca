/// A `Range` request header's one byte range (RFC 9110 §14.1.2), resolved against a body's size.
enum ByteRange: Equatable {
    /// The bytes to send.
    case satisfiable(ClosedRange<Int>)
    /// A well-formed range that starts beyond the body: 416.
    case unsatisfiable
    /// Not one byte range (another unit, several ranges, a malformed one): the header is ignored and the whole body sent.
    case ignored

    /// The range `header` asks of a body of `size` bytes.
    init(header: String, size: Int) {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard value.lowercased().hasPrefix("bytes="), !value.contains(",") else { self = .ignored; return }
        let spec = value.dropFirst(6).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { self = .ignored; return }
        let first = Self.number(parts[0]), last = Self.number(parts[1])
        switch (parts[0].isEmpty, parts[1].isEmpty) {
        case (true, false):
            // The last n bytes.
            guard let n = last else { self = .ignored; return }
            self = n == 0 || size == 0 ? .unsatisfiable : .satisfiable(max(0, size - n)...(size - 1))
        case (false, _):
            guard let start = first, parts[1].isEmpty || last != nil else { self = .ignored; return }
            let end = min(last ?? Int.max, size - 1)
            if let last, last < start { self = .ignored; return }
            self = start >= size ? .unsatisfiable : .satisfiable(start...end)
        case (true, true):
            self = .ignored
        }
    }

    /// A run of ASCII digits as a number, `Int.max` when it is larger; nil when it is not digits.
    static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        var value = 0
        for digit in text.utf8 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(digit - 0x30))
            if o1 || o2 { return Int.max }
            value = sum
        }
        return value
    }
}
