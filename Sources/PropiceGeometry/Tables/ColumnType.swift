/// A table column's type, as a GeoPackage declares it (`BOOLEAN`, `INTEGER`, `REAL`, `TEXT`,
/// and `TEXT` with the `application/json` MIME type) and as propice's CSV tables hold it.
public enum ColumnType: Sendable, Equatable {
    case boolean, integer, real, text, json
}
