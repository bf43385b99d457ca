/// The value of one feature property, as GeoJSON and GeoPackage carry them.
public enum PropertyValue: Hashable, Sendable {
    case string(String)
    case integer(Int64)
    case real(Double)
    case bool(Bool)
    case null
    /// A nested array or object, kept as compact JSON text.
    case json(String)
}

extension PropertyValue {
    /// Appends the value as JSON text.
    func appendJSON(to out: inout [UInt8]) {
        switch self {
        case .string(let s): JSONText.appendString(s, to: &out)
        case .integer(let i): JSONText.appendInteger(i, to: &out)
        case .real(let d): JSONText.appendReal(d, to: &out)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .json(let text): out.append(contentsOf: text.utf8)
        }
    }
}
