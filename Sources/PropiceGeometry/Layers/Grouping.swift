/// How the features of a coverage are put in groups to dissolve.
public enum Grouping: Sendable {
    /// By the value of one of their properties.
    case field(String)
    /// By a membership table: the feature's `match` property is looked up in the table's
    /// `key` column, and the group is that row's `group` column (commune → EPCI, say). Without
    /// `match`, the property named like the key column, else the commune code (`insee_com`…).
    /// Keys that are commune codes match as codes (`CommuneCode.matchingKey`: `1001` is `01001`).
    case membership(table: String, key: String, group: String, match: String?)

    /// The name of the property that carries the group on the output features.
    public var outputField: String {
        switch self {
        case .field(let field): field
        case .membership(_, _, let group, _): group
        }
    }

    /// Each feature's group, nil for none.
    func groups(of features: [Feature], input: String) throws -> [String?] {
        switch self {
        case .field(let field):
            try features.requireProperty(field, input: input)
            // The features of a layer share one array of names: the field's place is looked up
            // again only when a feature's names are another array.
            var known: (names: [String], index: Int?) = ([], nil)
            return features.map { feature in
                let properties = feature.properties
                if properties.names != known.names { known = (properties.names, properties.names.firstIndex(of: field)) }
                return known.index.flatMap { properties.values[$0].groupKey }
            }
        case .membership(let path, let key, let group, let match):
            let table = try TextTable(path: path)
            let keyColumn = try table.column(key), groupColumn = try table.column(group)
            var groupOf: [String: String] = [:]
            for row in 0..<table.count {
                let code = CommuneCode.matchingKey(table[row, keyColumn]), value = table[row, groupColumn]
                if let known = groupOf[code], known != value {
                    throw InputError(file: path, location: .line(table.line(row), column: nil), message: "\(key) \(code) is in both \(known) and \(value)")
                }
                groupOf[code] = value
            }
            guard let match = match ?? CodeField.detect(in: features, preferred: [key]) else {
                throw InputError(file: input, message: "the features have none of the properties \(([key] + CodeField.candidates).joined(separator: ", ")) to look up in \(path): name one", remedy: .nameMatchProperty)
            }
            var missing: [String] = []
            let groups = try features.enumerated().map { index, feature -> String? in
                guard let code = feature.properties[match]?.groupKey.map(CommuneCode.matchingKey) else {
                    throw InputError(file: input, location: .feature(index, byteOffset: nil), message: "no '\(match)' property to look up in \(path)")
                }
                guard let value = groupOf[code] else { missing.append(code); return nil }
                return value.isEmpty ? nil : value
            }
            if !missing.isEmpty {
                let features = missing.count == 1 ? "1 feature has" : "\(missing.count) features have"
                throw InputError(file: input, message: "\(features) a \(match) missing from the \(key) column of \(path) (first: \(missing.prefix(5).joined(separator: ", ")))")
            }
            return groups
        }
    }
}

extension PropertyValue {
    /// The value as a grouping key: strings as they are, numbers and booleans as written in JSON;
    /// nil for null, which groups nothing.
    var groupKey: String? {
        switch self {
        case .string(let s): s
        case .integer(let i): String(i)
        case .real(let d): d.description
        case .bool(let b): b ? "true" : "false"
        case .json(let text): text
        case .null: nil
        }
    }
}
