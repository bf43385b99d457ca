import Foundation
import Yams

/// Decodes a composed YAML document strictly: a number is finite and written as one (a
/// quoted `"15"` is a string), a tag that changes what a value would be read as (`!!str 15`,
/// `!!int "15"`, `!custom`) is an error, a key that the format does not know is an error
/// that suggests the nearest known key, and aliases may not expand the document past
/// `maximumValues`. Errors are `DecodingError`s; `marks` places each coding path in the file.
final class YAMLNodeDecoder {
    /// The most values a document may hold once its aliases are expanded (a few hundred in
    /// practice; a "billion laughs" of aliases reaches billions).
    static let maximumValues = 100_000

    /// Where each value decoded lies, by coding path (as `path(_:)` writes it).
    private var marks: [String: Mark] = [:]
    private var values = 0
    /// The mappings decoded, by coding path: their keys with where each lies, and the keys read.
    private var mappings: [String: MappingUse] = [:]

    private struct MappingUse {
        var codingPath: [CodingKey]
        var keys: [(name: String, mark: Mark?)]
        var known: Set<String>
    }

    /// An unknown key, with the path of its mapping and where it lies.
    struct UnknownKey: Error {
        let codingPath: [CodingKey]
        let mark: Mark?
        let message: String
    }

    /// Decodes `node` as a `T`, then checks that every key of every mapping was known.
    func decode<T: Decodable>(_ type: T.Type, from node: Node) throws -> T {
        let value = try T(from: NodeDecoder(node: node, codingPath: [], owner: self))
        try requireKnownKeys()
        return value
    }

    /// A coding path as errors write it: `indicators[2].unit`.
    static func path(_ keys: [CodingKey]) -> String {
        keys.reduce("") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }

    /// Where the value at `codingPath`, or the nearest enclosing one, lies.
    func mark(for codingPath: [CodingKey]) -> Mark? {
        var keys = codingPath
        while true {
            if let mark = marks[Self.path(keys)] { return mark }
            guard !keys.isEmpty else { return nil }
            keys.removeLast()
        }
    }

    fileprivate func visit(_ node: Node, at codingPath: [CodingKey]) throws {
        values += 1
        guard values <= Self.maximumValues else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                                                    debugDescription: "the document expands to more than \(Self.maximumValues) values through its aliases"))
        }
        let key = Self.path(codingPath)
        if marks[key] == nil, let mark = node.mark { marks[key] = mark }
    }

    fileprivate func register<Key: CodingKey>(_ mapping: Node.Mapping, at codingPath: [CodingKey], keyedBy: Key.Type) {
        let key = Self.path(codingPath)
        guard mappings[key] == nil else { return }
        let declared: [String] = if let all = Key.self as? any CaseIterable.Type { Self.names(all) } else { [] }
        mappings[key] = MappingUse(codingPath: codingPath, keys: mapping.map { ($0.key.string ?? "", $0.key.mark) }, known: Set(declared))
    }

    fileprivate func read(_ key: String, at codingPath: [CodingKey]) {
        mappings[Self.path(codingPath)]?.known.insert(key)
    }

    private static func names<T: CaseIterable>(_ type: T.Type) -> [String] {
        T.allCases.compactMap { ($0 as? CodingKey)?.stringValue }
    }

    /// When a field is missing, the unknown key of the same mapping that is likely its
    /// misspelling (`wieght` for `weight`), as an error that says so.
    func misspelling(of missing: CodingKey, in codingPath: [CodingKey]) -> UnknownKey? {
        guard let use = mappings[Self.path(codingPath)] else { return nil }
        let wanted = missing.stringValue
        guard let key = use.keys.filter({ !use.known.contains($0.name) })
                .min(by: { EditDistance.between($0.name, wanted) < EditDistance.between($1.name, wanted) }),
              EditDistance.between(key.name, wanted) <= (wanted.count < 5 ? 1 : 2) else { return nil }
        return UnknownKey(codingPath: codingPath, mark: key.mark,
                          message: "'\(key.name)' is not a key of this format (did you mean '\(wanted)'?); the keys are \(use.known.sorted().joined(separator: ", "))")
    }

    /// An error for the first key, in the order of the file, that no decoding read.
    private func requireKnownKeys() throws {
        let unknown = mappings.values.flatMap { use in use.keys.filter { !use.known.contains($0.name) }.map { (use, $0) } }
        guard let (use, key) = unknown.min(by: { ($0.1.mark?.line ?? 0, $0.1.mark?.column ?? 0) < ($1.1.mark?.line ?? 0, $1.1.mark?.column ?? 0) }) else {
            return
        }
        let known = use.known.sorted()
        let nearest = known.map { ($0, EditDistance.between($0, key.name)) }.filter { $0.1 <= (key.name.count < 5 ? 1 : 2) }.min { $0.1 < $1.1 }
        let suggestion = nearest.map { " (did you mean '\($0.0)'?)" } ?? ""
        throw UnknownKey(codingPath: use.codingPath, mark: key.mark,
                         message: "'\(key.name)' is not a key of this format\(suggestion); the keys are \(known.joined(separator: ", "))")
    }
}

/// A decoder over one node of the document.
private struct NodeDecoder: Decoder {
    let node: Node
    let codingPath: [CodingKey]
    let owner: YAMLNodeDecoder
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try owner.visit(node, at: codingPath)
        guard case .mapping(let mapping) = node else { throw mismatch([String: String].self) }
        try requireTag(in: [Tag.Name.map])
        owner.register(mapping, at: codingPath, keyedBy: Key.self)
        var entries: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "a key is a list or a mapping, not a word"))
            }
            entries[name] = value
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(entries: entries, keys: mapping.compactMap { $0.key.string }, codingPath: codingPath, owner: owner))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        try owner.visit(node, at: codingPath)
        guard case .sequence(let sequence) = node else { throw mismatch([String].self) }
        try requireTag(in: [Tag.Name.seq])
        return UnkeyedContainer(items: Array(sequence), codingPath: codingPath, owner: owner)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { SingleValueContainer(decoder: self) }

    /// An error when the node's tag makes it other than it would be read as without the tag,
    /// unless the tag is one of `allowed`, the tags of the type asked for (`!!str` on a string
    /// is harmless; `!!str 15` for a number, `!!int "15"` for a string, `!custom` are not).
    func requireTag(in allowed: [Tag.Name]) throws {
        let tag = node.tag.rawValue
        let untagged: String = switch node {
        case .scalar(let scalar):
            scalar.style == .plain || scalar.style == .any
                ? Resolver.default.resolveTag(of: .scalar(Node.Scalar(scalar.string))).rawValue : Tag.Name.str.rawValue
        case .mapping: Tag.Name.map.rawValue
        case .sequence: Tag.Name.seq.rawValue
        case .alias: tag
        }
        guard tag == untagged || allowed.contains(where: { $0.rawValue == tag }) else {
            let written = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                                                    debugDescription: "the tag '\(written)' changes what the value is read as (\(Self.kind(untagged))): write the value without a tag"))
        }
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return node.tag.rawValue == Tag.Name.null.rawValue
    }

    func mismatch(_ type: Any.Type) -> DecodingError {
        if isNull { return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "")) }
        return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: ""))
    }

    private static func kind(_ tag: String) -> String {
        switch tag {
        case Tag.Name.str.rawValue: "a string"
        case Tag.Name.int.rawValue: "a whole number"
        case Tag.Name.float.rawValue: "a number"
        case Tag.Name.bool.rawValue: "true or false"
        case Tag.Name.null.rawValue: "nothing"
        case Tag.Name.map.rawValue: "a mapping"
        case Tag.Name.seq.rawValue: "a list"
        default: tag
        }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let entries: [String: Node]
    let keys: [String]
    let codingPath: [CodingKey]
    let owner: YAMLNodeDecoder

    var allKeys: [Key] { keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool {
        owner.read(key.stringValue, at: codingPath)
        return entries[key.stringValue] != nil
    }

    private func decoder(for key: Key) throws -> NodeDecoder {
        owner.read(key.stringValue, at: codingPath)
        guard let node = entries[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: ""))
        }
        return NodeDecoder(node: node, codingPath: codingPath + [key], owner: owner)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try decoder(for: key).isNull }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try T(from: decoder(for: key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Bool(from: decoder(for: key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try String(from: decoder(for: key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Double(from: decoder(for: key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Int(from: decoder(for: key)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { try decoder(for: key).unkeyedContainer() }
    func superDecoder() throws -> Decoder { throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "no super decoder")) }
    func superDecoder(forKey key: Key) throws -> Decoder { try decoder(for: key) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [Node]
    let codingPath: [CodingKey]
    let owner: YAMLNodeDecoder
    private(set) var currentIndex = 0

    init(items: [Node], codingPath: [CodingKey], owner: YAMLNodeDecoder) {
        self.items = items
        self.codingPath = codingPath
        self.owner = owner
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "the list ends here"))
        }
        defer { currentIndex += 1 }
        return NodeDecoder(node: items[currentIndex], codingPath: codingPath + [IndexKey(intValue: currentIndex)], owner: owner)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, NodeDecoder(node: items[currentIndex], codingPath: codingPath, owner: owner).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: next()) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> Decoder { try next() }
}

/// A list's position in a coding path.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.isNull }

    /// The scalar, its tag checked against those of the type asked for, once counted.
    private func scalar(_ type: Any.Type, tags: [Tag.Name]) throws -> Node.Scalar {
        try decoder.owner.visit(decoder.node, at: codingPath)
        guard case .scalar(let scalar) = decoder.node, !decoder.isNull else { throw decoder.mismatch(type) }
        try decoder.requireTag(in: tags)
        return scalar
    }

    func decode(_ type: String.Type) throws -> String { try scalar(type, tags: [.str]).string }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard let value = Bool.construct(from: try scalar(type, tags: [.bool])) else { throw decoder.mismatch(type) }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double {
        let scalar = try scalar(type, tags: [.int, .float])
        guard [Tag.Name.int.rawValue, Tag.Name.float.rawValue].contains(decoder.node.tag.rawValue), let value = Double.construct(from: scalar) else {
            throw decoder.mismatch(type)
        }
        guard value.isFinite else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "'\(scalar.string)' is not a finite number"))
        }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float {
        let value = try decode(Double.self)
        guard let single = Float(exactly: value) ?? (abs(value) <= Double(Float.greatestFiniteMagnitude) ? Float(value) : nil) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(value) is out of range"))
        }
        return single
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    /// A whole number that fits the type; `1e3` or `2.0` is not one.
    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let scalar = try scalar(type, tags: [.int])
        guard decoder.node.tag.rawValue == Tag.Name.int.rawValue else { throw decoder.mismatch(Int.self) }
        let exact: T? = T.isSigned ? Int64.construct(from: scalar).flatMap { T(exactly: $0) } : UInt64.construct(from: scalar).flatMap { T(exactly: $0) }
        guard let value = exact else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "\(scalar.string) is out of range"))
        }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
}
