/// Writes polygon layers as a GeoPackage 1.2 file: the feature table, `gpkg_contents`,
/// `gpkg_geometry_columns`, `gpkg_spatial_ref_sys` and an R-tree spatial index, built in a
/// temporary file that `finish()` renames onto the destination.
///
/// Column types follow the values: INTEGER, REAL, BOOLEAN, TEXT, and TEXT marked
/// `application/json` in `gpkg_data_columns` for nested values. Features are kept in memory
/// until `finish()`, which needs them all to choose the columns. An integer feature id becomes
/// the fid when all are distinct; string ids go to an `id` column when no property has that name.
public final class GeoPackageWriter: FeatureWriter {
    public let path: String
    public let layerName: String
    public let crs: CRS
    private let lastChange: String
    private var features: [Feature] = []

    /// - Parameter lastChange: `gpkg_contents.last_change`, ISO 8601; taken from the inputs
    ///   (see `FileTimestamp`) so that the same inputs give the same bytes.
    public init(path: String, layerName: String, crs: CRS, lastChange: String) throws {
        guard !layerName.isEmpty, !layerName.lowercased().hasPrefix("gpkg_"), !layerName.lowercased().hasPrefix("rtree_") else {
            throw OutputError(file: path, message: "'\(layerName)' cannot name a GeoPackage layer")
        }
        self.path = path
        self.layerName = layerName
        self.crs = crs
        self.lastChange = lastChange
    }

    public func write(_ feature: Feature) throws {
        features.append(feature)
    }

    public func finish() throws {
        try Self.write([GeoPackageLayer(name: layerName, crs: crs, features: features)], to: path, lastChange: lastChange)
    }

    /// Writes several layers into one new GeoPackage, built in a temporary file renamed onto `path`.
    public static func write(_ layers: [GeoPackageLayer], to path: String, lastChange: String) throws {
        var names = Set<String>()
        for layer in layers {
            guard !layer.name.isEmpty, !layer.name.lowercased().hasPrefix("gpkg_"), !layer.name.lowercased().hasPrefix("rtree_") else {
                throw OutputError(file: path, message: "'\(layer.name)' cannot name a GeoPackage layer")
            }
            guard names.insert(layer.name.lowercased()).inserted else {
                throw OutputError(file: path, message: "two layers are named '\(layer.name)'")
            }
        }
        let output = try AtomicOutput(destination: path)
        do {
            let db = try SQLiteDatabase(path: output.temporaryPath, create: true)
            try db.execute("""
                PRAGMA application_id = 1196444487;
                PRAGMA user_version = 10200;
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                BEGIN;
                """)
            try db.execute(GeoPackageSchema.coreTablesSQL)
            for crs in Set(layers.map(\.crs) + [.wgs84]).sorted(by: { $0.epsg < $1.epsg }) {
                try insertSpatialReferenceSystems(db, crs)
            }
            if layers.contains(where: { GeoPackageSchema(features: $0.features).fields.contains { $0.type == .json } }) {
                try db.execute(GeoPackageSchema.dataColumnsSQL)
            }
            for layer in layers {
                let schema = GeoPackageSchema(features: layer.features)
                try createFeatureTable(db, layer, schema)
                let bounds = try insertFeatures(db, layer, schema)
                try registerLayer(db, layer, schema, bounds: bounds, lastChange: lastChange)
                try db.execute(schema.spatialIndexTriggersSQL(table: layer.name))
            }
            try db.execute("COMMIT;")
        } catch let error as SQLiteError {
            throw OutputError(file: path, message: "cannot write the GeoPackage: \(error.message)")
        }
        try output.commit()
    }

    private static func insertSpatialReferenceSystems(_ db: SQLiteDatabase, _ crs: CRS) throws {
        let definition = try CRSDefinition(crs)
        let insert = try db.prepare("INSERT OR REPLACE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)")
        var rows: [[SQLiteValue]] = [
            [.text("Undefined cartesian SRS"), .integer(-1), .text("NONE"), .integer(-1), .text("undefined"), .text("undefined cartesian coordinate reference system")],
            [.text("Undefined geographic SRS"), .integer(0), .text("NONE"), .integer(0), .text("undefined"), .text("undefined geographic coordinate reference system")],
        ]
        let wgs84 = crs == .wgs84 ? definition : try CRSDefinition(.wgs84)
        rows.append([.text(wgs84.name), .integer(4326), .text("EPSG"), .integer(4326), .text(wgs84.wkt), .text("longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid")])
        if crs != .wgs84 {
            rows.append([.text(definition.name), .integer(Int64(crs.epsg)), .text("EPSG"), .integer(Int64(crs.epsg)), .text(definition.wkt), .null])
        }
        for row in rows {
            insert.reset()
            for (i, value) in row.enumerated() { try insert.bind(Int32(i + 1), value) }
            _ = try insert.step()
        }
    }

    private static func createFeatureTable(_ db: SQLiteDatabase, _ layer: GeoPackageLayer, _ schema: GeoPackageSchema) throws {
        let layerName = layer.name
        let columns = ["\(SQL.quote(schema.fidColumn)) INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
                       "\(SQL.quote(schema.geometryColumn)) \(schema.geometryTypeName)"]
            + schema.fields.map { "\(SQL.quote($0.name)) \($0.type.sqlName)" }
        try db.execute("CREATE TABLE \(SQL.quote(layerName)) (\(columns.joined(separator: ", ")));")
        try db.execute("CREATE VIRTUAL TABLE \(SQL.quote(schema.rtreeName(table: layerName))) USING rtree(id, minx, maxx, miny, maxy);")
        let jsonFields = schema.fields.filter { $0.type == .json }
        guard !jsonFields.isEmpty else { return }
        let insert = try db.prepare("INSERT INTO gpkg_data_columns (table_name, column_name, mime_type) VALUES (?, ?, 'application/json')")
        for field in jsonFields {
            insert.reset()
            try insert.bind(1, .text(layerName))
            try insert.bind(2, .text(field.name))
            _ = try insert.step()
        }
    }

    private static func insertFeatures(_ db: SQLiteDatabase, _ layer: GeoPackageLayer, _ schema: GeoPackageSchema) throws -> BoundingBox {
        let layerName = layer.name, crs = layer.crs
        let names = [schema.fidColumn, schema.geometryColumn] + schema.fields.map(\.name)
        let insert = try db.prepare("INSERT INTO \(SQL.quote(layerName)) (\(names.map(SQL.quote).joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))")
        let index = try db.prepare("INSERT INTO \(SQL.quote(schema.rtreeName(table: layerName))) VALUES (?, ?, ?, ?, ?)")
        let srsID = Int32(crs.epsg)
        var bounds = BoundingBox.empty
        for (n, feature) in layer.features.enumerated() {
            let fid = schema.usesFeatureIDs ? feature.id.flatMap(\.integerValue)! : Int64(n + 1)
            insert.reset()
            try insert.bind(1, .integer(fid))
            if let geometry = feature.geometry {
                let (blob, envelope) = GeoPackageBinary.encode(geometry, srsID: srsID)
                try insert.bind(2, .blob(blob))
                if !envelope.isEmpty {
                    bounds.include(envelope)
                    index.reset()
                    try index.bind(1, .integer(fid))
                    for (i, v) in [envelope.minX, envelope.maxX, envelope.minY, envelope.maxY].enumerated() { try index.bind(Int32(2 + i), .real(v)) }
                    _ = try index.step()
                }
            }
            for (i, field) in schema.fields.enumerated() {
                try insert.bind(Int32(i + 3), field.sqlValue(of: feature))
            }
            _ = try insert.step()
        }
        return bounds
    }

    private static func registerLayer(_ db: SQLiteDatabase, _ layer: GeoPackageLayer, _ schema: GeoPackageSchema, bounds: BoundingBox,
                                      lastChange: String) throws {
        let layerName = layer.name, crs = layer.crs
        let contents = try db.prepare("""
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
            VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)
            """)
        try contents.bind(1, .text(layerName))
        try contents.bind(2, .text(layerName))
        try contents.bind(3, .text(lastChange))
        for (i, v) in [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY].enumerated() {
            try contents.bind(Int32(4 + i), bounds.isEmpty ? .null : .real(v))
        }
        try contents.bind(8, .integer(Int64(crs.epsg)))
        _ = try contents.step()
        let columns = try db.prepare("INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)")
        try columns.bind(1, .text(layerName))
        try columns.bind(2, .text(schema.geometryColumn))
        try columns.bind(3, .text(schema.geometryTypeName))
        try columns.bind(4, .integer(Int64(crs.epsg)))
        _ = try columns.step()
    }
}

/// One layer of a GeoPackage: its name (the table's), CRS and features.
public struct GeoPackageLayer: Sendable {
    public var name: String
    public var crs: CRS
    public var features: [Feature]

    public init(name: String, crs: CRS, features: [Feature]) {
        self.name = name
        self.crs = crs
        self.features = features
    }
}

extension FeatureID {
    /// The id as an integer, when it is one.
    var integerValue: Int64? {
        if case .integer(let v) = self { return v }
        return nil
    }
}
