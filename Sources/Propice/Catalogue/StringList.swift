/// One string or several, written in YAML as a string or a list: the names a column has had
/// across editions (ANIL's `INSEE` became `INSEE_C`), or the values a filter accepts.
public struct StringList: Sendable, Equatable, Decodable, CustomStringConvertible {
    public var values: [String]

    public init(_ values: [String]) { self.values = values }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(String.self) {
            values = [value]
        } else {
            values = try container.decode([String].self)
            guard !values.isEmpty else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "the list is empty") }
        }
    }

    public var description: String { values.joined(separator: " or ") }
}
