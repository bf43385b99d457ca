#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the features of one polygon layer of a GeoPackage, such as IGN's ADMIN EXPRESS.
///
/// Columns become properties (BOOLEAN columns as booleans, columns that `gpkg_data_columns`
/// marks `application/json` as nested JSON); the fid is not a property.
public final class GeoPackageReader: FeatureReader {
    public let path: String
    public let layerName: String?
    public let declaredCRS: CRS?
    /// The layer's `gpkg_contents.last_change` (ISO 8601), when it gives one.
    public let lastChange: String?
    /// The SRS of the geometry column, which every blob's header must name too.
    private let srsID: Int64
    private let database: SQLiteDatabase
    private let rows: SQLiteStatement
    private let columns: [(name: String, kind: ColumnKind)]
    private var index = 0
    /// Set after the last row: SQLite would start the query over if stepped again.
    private var done = false

    private enum ColumnKind { case plain, boolean, json }

    /// Opens `layer`, or the only feature layer when `layer` is nil.
    public init(path: String, layer: String? = nil) throws {
        self.path = path
        try Self.checkIsSQLite(path)
        do {
            database = try SQLiteDatabase(path: path, create: false)
            guard try database.hasTable("gpkg_contents"), try database.hasTable("gpkg_geometry_columns") else {
                throw InputError(file: path, message: "not a GeoPackage: an SQLite database without the gpkg_contents and gpkg_geometry_columns tables")
            }
            let layers = try Self.featureLayers(database)
            let chosen: (table: String, geometry: String, srsID: Int64, lastChange: String?)
            if let layer {
                guard let match = layers.first(where: { $0.table == layer }) else {
                    throw InputError(file: path, message: "no feature layer named '\(layer)'; the layers are: \(layers.map(\.table).joined(separator: ", "))")
                }
                chosen = match
            } else {
                guard let only = layers.first else { throw InputError(file: path, message: "the GeoPackage holds no feature layer") }
                guard layers.count == 1 else {
                    throw InputError(file: path, message: "the GeoPackage holds \(layers.count) feature layers (\(layers.map(\.table).joined(separator: ", "))): name one", remedy: .nameLayer)
                }
                chosen = only
            }
            layerName = chosen.table
            lastChange = chosen.lastChange
            srsID = chosen.srsID
            declaredCRS = try Self.crs(srsID: chosen.srsID, database)
            let jsonColumns = try Self.jsonColumns(table: chosen.table, database)
            let info = try database.prepare("PRAGMA table_info(\(SQL.quote(chosen.table)))")
            var columns: [(String, ColumnKind)] = []
            var primaryKey: String?
            while try info.step() {
                guard let name = info.text(1) else { continue }
                let type = (info.text(2) ?? "").uppercased()
                if info.integer(5) == 1 && type.hasPrefix("INT") { primaryKey = name; continue }
                if name == chosen.geometry { continue }
                columns.append((name, jsonColumns.contains(name) ? .json : type == "BOOLEAN" ? .boolean : .plain))
            }
            self.columns = columns
            let selected = ([chosen.geometry] + columns.map(\.0)).map(SQL.quote).joined(separator: ", ")
            rows = try database.prepare("SELECT \(selected) FROM \(SQL.quote(chosen.table))" + (primaryKey.map { " ORDER BY \(SQL.quote($0))" } ?? ""))
        } catch let error as SQLiteError {
            throw InputError(file: path, message: "not a readable GeoPackage: \(error.message)")
        }
    }

    /// A clear message for files SQLite would misread: an empty file is a valid empty database to it.
    private static func checkIsSQLite(_ path: String) throws {
        let source = try ByteSource(path: path, chunkSize: 16)
        guard try source.next() else { throw InputError(file: path, message: "the file is empty") }
        let magic = Array("SQLite format 3\0".utf8)
        guard source.count == 16, (0..<16).allSatisfy({ source.buffer[$0] == magic[$0] }) else {
            throw InputError(file: path, message: "not a GeoPackage: the file is not an SQLite database")
        }
    }

    private static func featureLayers(_ db: SQLiteDatabase) throws -> [(table: String, geometry: String, srsID: Int64, lastChange: String?)] {
        let query = try db.prepare("""
            SELECT c.table_name, g.column_name, g.srs_id, c.last_change FROM gpkg_contents c
            JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
            WHERE c.data_type = 'features' ORDER BY c.table_name
            """)
        var layers: [(String, String, Int64, String?)] = []
        while try query.step() {
            guard let table = query.text(0), let column = query.text(1) else { continue }
            layers.append((table, column, query.integer(2) ?? 0, query.text(3)))
        }
        return layers
    }

    private static func crs(srsID: Int64, _ db: SQLiteDatabase) throws -> CRS? {
        let query = try db.prepare("SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?")
        try query.bind(1, .integer(srsID))
        guard try query.step(), let organization = query.text(0), let code = query.integer(1) else { return nil }
        guard organization.uppercased() == "EPSG", code > 0 else { return nil }
        return CRS(epsg: Int(code))
    }

    private static func jsonColumns(table: String, _ db: SQLiteDatabase) throws -> Set<String> {
        guard try db.hasTable("gpkg_data_columns") else { return [] }
        let query = try db.prepare("SELECT column_name FROM gpkg_data_columns WHERE table_name = ? AND mime_type = 'application/json'")
        try query.bind(1, .text(table))
        var names: Set<String> = []
        while try query.step() { if let name = query.text(0) { names.insert(name) } }
        return names
    }

    public func next() throws -> Feature? {
        guard !done else { return nil }
        let hasRow: Bool
        do {
            hasRow = try rows.step()
        } catch let error as SQLiteError {
            done = true
            throw InputError(file: path, location: .feature(index, byteOffset: nil), message: error.message)
        }
        guard hasRow else {
            done = true
            return nil
        }
        defer { index += 1 }
        var feature = Feature(geometry: nil)
        switch rows.column(0) {
        case .blob(let blob):
            if let srs = GeoPackageBinary.srsID(of: blob), Int64(srs) != srsID {
                throw InputError(file: path, location: .feature(index, byteOffset: nil),
                                 message: "the geometry blob names SRS \(srs), its column SRS \(srsID): which to read is ambiguous")
            }
            do {
                feature.geometry = try GeoPackageBinary.decode(blob)
            } catch let error as WKBError {
                throw InputError(file: path, location: .feature(index, byteOffset: nil), message: error.message)
            }
        case .null: break
        default:
            throw InputError(file: path, location: .feature(index, byteOffset: nil), message: "the geometry column holds no geometry blob")
        }
        var properties = Properties()
        for (i, column) in columns.enumerated() {
            properties[column.name] = value(rows.column(Int32(i + 1)), kind: column.kind)
        }
        feature.properties = properties
        return feature
    }

    private func value(_ value: SQLiteValue, kind: ColumnKind) -> PropertyValue {
        switch (value, kind) {
        case (.null, _): .null
        case (.integer(let v), .boolean): .bool(v != 0)
        case (.integer(let v), _): .integer(v)
        case (.real(let v), _): .real(v)
        case (.text(let s), .json): .json(s)
        case (.text(let s), _): .string(s)
        case (.blob(let b), _): .string(b.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
        }
    }
}

/// Quoting of SQL identifiers, alike in SQLite and PostgreSQL.
public enum SQL {
    public static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// The string with every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
