/// Writes polygon layers as a GeoPackage 1.2 file: the feature table, `gpkg_contents`,
/// `gpkg_geometry_columns`, `gpkg_spatial_ref_sys` and an R-tree spatial index (packed at once,
/// see `RTreeBulkLoad`), built in a temporary file that `finish()` renames onto the destination.
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
            guard layer.name.lowercased() != GeoPackageStyles.tableName || !layers.contains(where: { $0.style != nil }) else {
                throw OutputError(file: path, message: "'\(layer.name)' cannot name a layer of a GeoPackage holding styles")
            }
            guard names.insert(layer.name.lowercased()).inserted else {
                throw OutputError(file: path, message: "two layers are named '\(layer.name)'")
            }
            if case .faces(_, let faces) = layer.geometries, faces.count != layer.features.count {
                throw OutputError(file: path, message: "layer '\(layer.name)' has \(layer.features.count) features but \(faces.count) faces to draw them from")
            }
        }
        for (previous, layer) in zip(layers, layers.dropFirst()) where layer.sharesPreviousGeometries {
            guard previous.features.count == layer.features.count, previous.crs == layer.crs, previous.promoteToMulti == layer.promoteToMulti else {
                throw OutputError(file: path, message: "layer '\(layer.name)' shares the geometries of '\(previous.name)', which has other features, CRS or geometry type")
            }
        }
        if layers.first?.sharesPreviousGeometries == true {
            throw OutputError(file: path, message: "the first layer, '\(layers[0].name)', has no layer before it to share geometries with")
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
            let schemas = layers.map(GeoPackageSchema.init)
            if zip(layers, schemas).contains(where: { !$0.columns.isEmpty || $1.fields.contains { $0.type == .json } }) {
                try db.execute(GeoPackageSchema.dataColumnsSQL)
            }
            var identifiers = Set<String>()
            var shared: [EncodedGeometry?] = []
            for (k, (layer, schema)) in zip(layers, schemas).enumerated() {
                try createFeatureTable(db, layer, schema)
                try describeColumns(db, layer, schema)
                let keep = k + 1 < layers.count && layers[k + 1].sharesPreviousGeometries
                let bounds = try insertFeatures(db, layer, schema, shared: &shared, keep: keep)
                // `identifier` is unique: a title given twice names its table.
                let title = layer.title ?? layer.name
                let identifier = identifiers.insert(title).inserted ? title : "\(title) (\(layer.name))"
                identifiers.insert(identifier)
                try registerLayer(db, layer, schema, identifier: identifier, bounds: bounds, lastChange: lastChange)
                try db.execute(schema.spatialIndexTriggersSQL(table: layer.name))
            }
            if layers.contains(where: { $0.style != nil }) {
                try GeoPackageStyles.write(zip(layers, schemas).compactMap { layer, schema in
                    layer.style.map { (layer.name, schema.geometryColumn, $0) }
                }, to: db, lastChange: lastChange)
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
    }

    /// The columns' titles and descriptions, and the JSON columns' MIME type, in `gpkg_data_columns`.
    private static func describeColumns(_ db: SQLiteDatabase, _ layer: GeoPackageLayer, _ schema: GeoPackageSchema) throws {
        guard !layer.columns.isEmpty || schema.fields.contains(where: { $0.type == .json }) else { return }
        let described = Dictionary(layer.columns.map { ($0.property, $0) }, uniquingKeysWith: { first, _ in first })
        let insert = try db.prepare("""
            INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description, mime_type) VALUES (?, ?, ?, ?, ?, ?)
            """)
        var titles = Set<String>()
        for field in schema.fields {
            var column: GeoPackageColumn?
            switch field.origin {
            case .property(let property): column = described[property]
            case .stringID: column = GeoPackageColumn(property: field.name, title: "Identifiant", description: "l'identifiant de l'entité (l'id des GeoJSON)")
            }
            guard column != nil || field.type == .json else { continue }
            // The spec makes (table, name) unique: a title given twice names its column.
            let title = column.map { titles.insert($0.title).inserted ? $0.title : "\($0.title) (\(field.name))" }
            if let title { titles.insert(title) }
            insert.reset()
            for (i, value) in [SQLiteValue.text(layer.name), .text(field.name), title.map { .text($0) } ?? .null, title.map { .text($0) } ?? .null,
                               column?.description.map { .text($0) } ?? .null, field.type == .json ? .text("application/json") : .null].enumerated() {
                try insert.bind(Int32(i + 1), value)
            }
            _ = try insert.step()
        }
    }

    /// A feature's geometry as a GeoPackage blob, and its envelope.
    private typealias EncodedGeometry = (blob: [UInt8], envelope: BoundingBox)

    /// Inserts the layer's features and packs its spatial index; returns the layer's bounds.
    /// `shared` holds the previous layer's encoded geometries when this one shares them, and
    /// this one's on return when `keep` says the next layer shares them.
    private static func insertFeatures(_ db: SQLiteDatabase, _ layer: GeoPackageLayer, _ schema: GeoPackageSchema,
                                       shared: inout [EncodedGeometry?], keep: Bool) throws -> BoundingBox {
        let layerName = layer.name, crs = layer.crs
        let names = [schema.fidColumn, schema.geometryColumn] + schema.fields.map(\.name)
        let insert = try db.prepare("INSERT INTO \(SQL.quote(layerName)) (\(names.map(SQL.quote).joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))")
        let srsID = Int32(crs.epsg)
        var bounds = BoundingBox.empty
        var index: [RTreeBulkLoad.Entry] = []
        index.reserveCapacity(layer.features.count)
        // Where each field's property is among a feature's: found again only when the names change.
        var layout: (names: [String], positions: [Int?]) = ([], schema.positions(in: []))
        let previous = layer.sharesPreviousGeometries ? shared : []
        shared = []
        if keep { shared.reserveCapacity(layer.features.count) }
        for (n, feature) in layer.features.enumerated() {
            if feature.properties.names != layout.names { layout = (feature.properties.names, schema.positions(in: feature.properties.names)) }
            let fid = schema.usesFeatureIDs ? feature.id.flatMap(\.integerValue) ?? Int64(n + 1) : Int64(n + 1)
            insert.reset()
            try insert.bind(1, .integer(fid))
            let encoded = layer.sharesPreviousGeometries ? previous[n] : layer.geometry(of: n).map {
                GeoPackageBinary.encode(layer.promoteToMulti ? $0.promotedToMulti : $0, srsID: srsID)
            }
            if keep { shared.append(encoded) }
            if let (blob, envelope) = encoded {
                try insert.bind(2, .blob(blob))
                if !envelope.isEmpty {
                    bounds.include(envelope)
                    index.append(RTreeBulkLoad.Entry(id: fid, box: envelope))
                }
            }
            for (i, field) in schema.fields.enumerated() {
                try insert.bind(Int32(i + 3), field.sqlValue(of: feature, at: layout.positions[i]))
            }
            _ = try insert.step()
        }
        try RTreeBulkLoad.load(index, into: db, table: schema.rtreeName(table: layerName))
        return bounds
    }

    private static func registerLayer(_ db: SQLiteDatabase, _ layer: GeoPackageLayer, _ schema: GeoPackageSchema, identifier: String,
                                      bounds: BoundingBox, lastChange: String) throws {
        let layerName = layer.name, crs = layer.crs
        let contents = try db.prepare("""
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
            VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try contents.bind(1, .text(layerName))
        try contents.bind(2, .text(identifier))
        try contents.bind(3, .text(layer.description ?? ""))
        try contents.bind(4, .text(lastChange))
        for (i, v) in [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY].enumerated() {
            try contents.bind(Int32(5 + i), bounds.isEmpty ? .null : .real(v))
        }
        try contents.bind(9, .integer(Int64(crs.epsg)))
        _ = try contents.step()
        let columns = try db.prepare("INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)")
        try columns.bind(1, .text(layerName))
        try columns.bind(2, .text(schema.geometryColumn))
        try columns.bind(3, .text(schema.geometryTypeName))
        try columns.bind(4, .integer(Int64(crs.epsg)))
        _ = try columns.step()
    }
}

/// One layer of a GeoPackage: its name (the table's), CRS and features, and what a GIS shows
/// of it: a title and description (`gpkg_contents`), its columns' titles and descriptions
/// (`gpkg_data_columns`), its default style (`layer_styles`).
public struct GeoPackageLayer: Sendable {
    public var name: String
    public var crs: CRS
    public var features: [Feature]
    /// Polygons stored as one-polygon multipolygons and the column declared `MULTIPOLYGON`
    /// (as `ogr2ogr -nlt PROMOTE_TO_MULTI` does), so that the layer has one geometry type.
    public var promoteToMulti: Bool
    public var title: String?
    public var description: String?
    /// Titles and descriptions of columns, by the property they hold.
    public var columns: [GeoPackageColumn]
    public var style: GeoPackageStyle?
    /// Where the features' geometries come from.
    public var geometries: Geometries
    /// Whether feature n's geometry is the previous layer's feature n's (which has as many
    /// features, the same CRS and geometry type): drawn and encoded once for both.
    public var sharesPreviousGeometries: Bool

    /// Where a layer's geometries come from.
    public enum Geometries: Sendable {
        /// Each feature's own.
        case features
        /// Feature n's is drawn from face n of a topology in the layer's CRS as it is written
        /// (the features' own are ignored): a layer's geometries are never all in memory at once.
        case faces(Topology, [TopologyFace])
    }

    public init(name: String, crs: CRS, features: [Feature], geometries: Geometries = .features, sharesPreviousGeometries: Bool = false,
                promoteToMulti: Bool = false, title: String? = nil, description: String? = nil, columns: [GeoPackageColumn] = [],
                style: GeoPackageStyle? = nil) {
        self.name = name
        self.crs = crs
        self.features = features
        self.geometries = geometries
        self.sharesPreviousGeometries = sharesPreviousGeometries
        self.promoteToMulti = promoteToMulti
        self.title = title
        self.description = description
        self.columns = columns
        self.style = style
    }
}

extension GeoPackageLayer {
    /// Feature `index`'s geometry, as written.
    func geometry(of index: Int) -> Geometry? {
        switch geometries {
        case .features: features[index].geometry
        case .faces(let topology, let faces): topology.geometry(of: faces[index])
        }
    }

    /// Feature `index`'s type of geometry (polygon or multipolygon), without drawing it.
    func geometryKind(of index: Int) -> TopologyFace.Kind {
        switch geometries {
        case .features:
            switch features[index].geometry {
            case .polygon?: .polygon
            case .multiPolygon?: .multiPolygon
            case nil: .none
            }
        case .faces(_, let faces): faces[index].kind
        }
    }
}

/// What a GIS shows of a column: its title (QGIS's alias) and description.
public struct GeoPackageColumn: Sendable, Equatable {
    public var property: String
    public var title: String
    public var description: String?

    public init(property: String, title: String, description: String? = nil) {
        self.property = property
        self.title = title
        self.description = description
    }
}

/// A layer's style in the `layer_styles` table, the convention QGIS reads when it opens a
/// layer (QML), with the same classes in OGC Symbology Encoding for other clients (SLD).
public struct GeoPackageStyle: Sendable, Equatable {
    public var name: String
    public var qml: String
    public var sld: String
    public var description: String

    public init(name: String, qml: String, sld: String, description: String) {
        self.name = name
        self.qml = qml
        self.sld = sld
        self.description = description
    }
}

extension FeatureID {
    /// The id as an integer, when it is one.
    var integerValue: Int64? {
        if case .integer(let v) = self { return v }
        return nil
    }
}
