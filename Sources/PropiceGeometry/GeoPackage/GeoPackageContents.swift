/// A GeoPackage's feature layers as tables, for copying them elsewhere whole: each layer's
/// columns with their declared types and the titles and descriptions of `gpkg_data_columns`,
/// its rows with the geometry as WKB, and the styles of `layer_styles`.
public final class GeoPackageContents {
    public let path: String
    public let layers: [Layer]
    public let styles: [Style]
    private let database: SQLiteDatabase

    /// A feature layer.
    public struct Layer: Sendable {
        public var name: String
        /// `gpkg_contents`' identifier and description.
        public var title: String
        public var description: String
        public var geometryColumn: String
        /// The EPSG code of the geometry column's SRS.
        public var epsg: Int
        /// The columns but the integer primary key and the geometry, in the table's order.
        public var columns: [Column]
    }

    public struct Column: Sendable {
        public var name: String
        public var type: ColumnType
        /// `gpkg_data_columns`' title and description, empty when it gives none.
        public var title: String
        public var description: String
    }

    /// A row of `layer_styles`.
    public struct Style: Sendable {
        public var table: String
        public var geometryColumn: String
        public var name: String
        public var qml: String
        public var sld: String
        public var description: String
    }

    /// Opens the GeoPackage read-only and reads its layers' schemas and its styles.
    public init(path: String) throws {
        self.path = path
        do {
            database = try SQLiteDatabase(path: path, create: false)
            guard try database.hasTable("gpkg_contents"), try database.hasTable("gpkg_geometry_columns") else {
                throw InputError(file: path, message: "not a GeoPackage: an SQLite database without the gpkg_contents and gpkg_geometry_columns tables")
            }
            layers = try Self.layers(database, path: path)
            styles = try database.hasTable("layer_styles") ? try Self.styles(database) : []
        } catch let error as SQLiteError {
            throw InputError(file: path, message: "not a readable GeoPackage: \(error.message)")
        }
    }

    private static func layers(_ db: SQLiteDatabase, path: String) throws -> [Layer] {
        let query = try db.prepare("""
            SELECT c.table_name, c.identifier, c.description, g.column_name, s.organization, s.organization_coordsys_id
            FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
            LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
            WHERE c.data_type = 'features' ORDER BY c.table_name
            """)
        var layers: [Layer] = []
        while try query.step() {
            guard let table = query.text(0), let geometry = query.text(3) else { continue }
            guard query.text(4)?.uppercased() == "EPSG", let code = query.integer(5), let epsg = Int(exactly: code), epsg > 0 else {
                throw InputError(file: path, message: "the layer \(table)'s SRS is not an EPSG code")
            }
            layers.append(Layer(name: table, title: query.text(1) ?? table, description: query.text(2) ?? "", geometryColumn: geometry,
                                epsg: epsg, columns: try columns(of: table, geometry: geometry, db)))
        }
        return layers
    }

    private static func columns(of table: String, geometry: String, _ db: SQLiteDatabase) throws -> [Column] {
        var described: [String: (title: String, description: String, json: Bool)] = [:]
        if try db.hasTable("gpkg_data_columns") {
            let query = try db.prepare("SELECT column_name, title, description, mime_type FROM gpkg_data_columns WHERE table_name = ?")
            try query.bind(1, .text(table))
            while try query.step() {
                guard let name = query.text(0) else { continue }
                described[name] = (query.text(1) ?? "", query.text(2) ?? "", query.text(3) == "application/json")
            }
        }
        let info = try db.prepare("PRAGMA table_info(\(SQL.quote(table)))")
        var columns: [Column] = []
        while try info.step() {
            guard let name = info.text(1), name != geometry else { continue }
            let declared = (info.text(2) ?? "").uppercased()
            if info.integer(5) == 1 && declared.hasPrefix("INT") { continue }
            let about = described[name]
            let type: ColumnType = about?.json == true ? .json
                : declared == "BOOLEAN" ? .boolean
                : declared.hasPrefix("INT") || declared == "MEDIUMINT" || declared == "SMALLINT" || declared == "TINYINT" ? .integer
                : declared == "REAL" || declared == "DOUBLE" || declared == "FLOAT" ? .real : .text
            columns.append(Column(name: name, type: type, title: about?.title ?? "", description: about?.description ?? ""))
        }
        return columns
    }

    private static func styles(_ db: SQLiteDatabase) throws -> [Style] {
        let query = try db.prepare("""
            SELECT f_table_name, f_geometry_column, styleName, styleQML, styleSLD, description FROM layer_styles ORDER BY id
            """)
        var styles: [Style] = []
        while try query.step() {
            guard let table = query.text(0) else { continue }
            styles.append(Style(table: table, geometryColumn: query.text(1) ?? "", name: query.text(2) ?? "", qml: query.text(3) ?? "",
                                sld: query.text(4) ?? "", description: query.text(5) ?? ""))
        }
        return styles
    }

    /// Calls `body` with each row of `layer` in the order of its primary key: the columns'
    /// values in `layer.columns`' order, and the geometry's WKB (nil when the geometry is
    /// empty). A blob that is not a GeoPackage geometry in the layer's SRS throws, naming the row.
    public func forEachRow(of layer: Layer, _ body: (_ values: [SQLiteValue], _ wkb: ArraySlice<UInt8>?) throws -> Void) throws {
        let selected = ([layer.geometryColumn] + layer.columns.map(\.name)).map(SQL.quote).joined(separator: ", ")
        do {
            let rows = try database.prepare("SELECT \(selected) FROM \(SQL.quote(layer.name)) ORDER BY rowid")
            let srs = try srsID(of: layer)
            var index = 0
            while try rows.step() {
                defer { index += 1 }
                let wkb: ArraySlice<UInt8>?
                switch rows.column(0) {
                case .blob(let blob):
                    guard GeoPackageBinary.srsID(of: blob).map(Int64.init) == srs else {
                        throw InputError(file: path, location: .feature(index, byteOffset: nil),
                                         message: "layer \(layer.name): the geometry blob does not name its column's SRS \(srs)")
                    }
                    do {
                        wkb = try GeoPackageBinary.wkb(of: blob)
                    } catch let error as WKBError {
                        throw InputError(file: path, location: .feature(index, byteOffset: nil), message: "layer \(layer.name): \(error.message)")
                    }
                case .null:
                    wkb = nil
                default:
                    throw InputError(file: path, location: .feature(index, byteOffset: nil), message: "layer \(layer.name): the geometry column holds no blob")
                }
                try body((0..<layer.columns.count).map { rows.column(Int32($0 + 1)) }, wkb)
            }
        } catch let error as SQLiteError {
            throw InputError(file: path, message: "layer \(layer.name): \(error.message)")
        }
    }

    private func srsID(of layer: Layer) throws -> Int64 {
        let query = try database.prepare("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?")
        try query.bind(1, .text(layer.name))
        guard try query.step(), let srs = query.integer(0) else { throw SQLiteError(message: "no geometry column") }
        return srs
    }
}
