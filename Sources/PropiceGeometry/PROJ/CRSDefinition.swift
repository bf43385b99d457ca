import CPROJ

/// What PROJ's database says of a CRS: its name and its WKT, as GeoPackage's
/// `gpkg_spatial_ref_sys` records them.
public struct CRSDefinition: Sendable, Equatable {
    public var name: String
    /// WKT 1 as GDAL writes it, which GeoPackage 1.2 readers expect.
    public var wkt: String

    public init(_ crs: CRS) throws {
        guard let context = proj_context_create() else { throw CRSError(message: "cannot create a PROJ context") }
        defer { proj_context_destroy(context) }
        let messages = ProjLogCapture(context: context)
        guard let object = proj_create(context, crs.description) else {
            throw CRSError(message: "unknown CRS \(crs): \(messages.text ?? "not in PROJ's database")")
        }
        defer { proj_destroy(object) }
        guard let wkt = proj_as_wkt(context, object, PJ_WKT1_GDAL, nil) else {
            throw CRSError(message: "PROJ cannot write \(crs) as WKT: \(messages.text ?? "no reason given")")
        }
        name = proj_get_name(object).map { String(cString: $0) } ?? crs.description
        self.wkt = String(cString: wkt)
    }
}
