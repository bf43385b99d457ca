/// JSON written byte for byte as Foundation's `JSONEncoder` writes it with `.sortedKeys`,
/// `.prettyPrinted` and `.withoutEscapingSlashes` (two-space indents, `"key" : value`, an empty
/// array or object as `[`, an empty line, `]`), straight into bytes, without the encoder's tree
/// of boxed values: for files written by the thousand. Members go in the order of their keys'
/// UTF-8 bytes, which the caller writes them in (checked by an assertion); an optional member
/// that is nil is left out, as the encoder leaves it out.
public struct PrettyJSON {
    /// What was written so far.
    public private(set) var bytes: [UInt8]
    private var depth = 0
    /// Whether the innermost open array or object has no element yet.
    private var empty = true
    #if DEBUG
    /// The last key written in each open object, for the order's assertion.
    private var lastKeys: [String] = []
    #endif

    /// A number JSON cannot hold (infinite, or not a number), under its key.
    public struct NonFiniteNumber: Error, CustomStringConvertible {
        public let key: String
        public let value: Double
        public var description: String { "\(key) is \(value), which JSON cannot hold" }
    }

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object, its members written by `members`.
    public mutating func object(_ members: (inout PrettyJSON) throws -> Void) rethrows {
        open(UInt8(ascii: "{"))
        #if DEBUG
        lastKeys.append("")
        defer { lastKeys.removeLast() }
        #endif
        try members(&self)
        close(UInt8(ascii: "}"))
    }

    /// Writes an array of `elements`, each written by `element`.
    public mutating func array<S: Sequence>(_ elements: S, _ element: (inout PrettyJSON, S.Element) throws -> Void) rethrows {
        open(UInt8(ascii: "["))
        for item in elements {
            startElement()
            try element(&self, item)
        }
        close(UInt8(ascii: "]"))
    }

    /// Writes a member's key; its value is written next.
    public mutating func key(_ key: String) {
        #if DEBUG
        assert(lastKeys.last.map { $0.utf8.lexicographicallyPrecedes(key.utf8) } ?? false,
               "PrettyJSON: member \(key) written after \(lastKeys.last ?? ""), or outside an object")
        if !lastKeys.isEmpty { lastKeys[lastKeys.count - 1] = key }
        #endif
        startElement()
        JSONText.appendString(key, shortEscapes: true, to: &bytes)
        bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    /// Writes a string value.
    public mutating func string(_ text: String) {
        JSONText.appendString(text, shortEscapes: true, to: &bytes)
    }

    /// Writes an integer value.
    public mutating func integer(_ value: Int) {
        JSONText.appendInteger(Int64(value), to: &bytes)
    }

    /// Writes a number as the encoder does: its shortest round-trip form, `.0` left out
    /// (`27764`, `0.15`, `1e+16`). Throws, naming `key`, when it is not finite.
    public mutating func number(_ value: Double, key: String) throws {
        guard value.isFinite else { throw NonFiniteNumber(key: key, value: value) }
        let text = value.description
        bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A member whose value is a string; left out when nil.
    public mutating func member(_ key: String, _ text: String?) {
        guard let text else { return }
        self.key(key)
        string(text)
    }

    /// A member whose value is an integer; left out when nil.
    public mutating func member(_ key: String, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        integer(value)
    }

    /// A member whose value is a number; left out when nil.
    public mutating func member(_ key: String, _ value: Double?) throws {
        guard let value else { return }
        self.key(key)
        try number(value, key: key)
    }

    /// A member whose value is `true` or `false`.
    public mutating func member(_ key: String, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    /// A member whose value is an object of integers by key, keys sorted; left out when nil.
    public mutating func member(_ key: String, _ values: [String: Int]?) {
        guard let values else { return }
        self.key(key)
        object { json in
            for (name, value) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) { json.member(name, value) }
        }
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(UInt8(ascii: "\n"))
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        bytes.append(UInt8(ascii: "\n"))
        indent()
        bytes.append(bracket)
        empty = false
    }

    /// The separator before an element or member, and its indent.
    private mutating func startElement() {
        if !empty { bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "\n")]) }
        empty = false
        indent()
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}
