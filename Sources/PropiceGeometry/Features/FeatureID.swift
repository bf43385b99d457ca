/// A feature identifier: GeoJSON allows a string or a number.
public enum FeatureID: Hashable, Sendable {
    case string(String)
    case integer(Int64)
}
