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
