import CPROJ

/// What PROJ's database says of a CRS: its name and its WKT, as GeoPackage's
/// `gpkg_spatial_ref_sys` records them.
public struct CRSDefinition: Sendable, Equatable {
    public var name: String
    /// WKT 1 as GDAL writes it, which GeoPackage 1.2 readers expect.
    public var wkt: String

    public init(_ crs: CRS) throws {
        (name, wkt) = try ProjCatalogue.withContext { context in try Self.definition(of: crs, context) }
    }

    private static func definition(of crs: CRS, _ context: OpaquePointer) throws -> (name: String, wkt: String) {
        let messages = ProjLogCapture(context: context)
        guard let object = proj_create(context, crs.description) else {
            throw CRSError(message: "unknown CRS \(crs): \(messages.text ?? "not in PROJ's database")")
        }
        defer { proj_destroy(object) }
        guard let wkt = proj_as_wkt(context, object, PJ_WKT1_GDAL, nil) else {
            throw CRSError(message: "PROJ cannot write \(crs) as WKT: \(messages.text ?? "no reason given")")
        }
        return (proj_get_name(object).map { String(cString: $0) } ?? crs.description, String(cString: wkt))
    }
}
