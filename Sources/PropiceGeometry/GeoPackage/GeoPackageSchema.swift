/// The table layout of a layer about to be written to a GeoPackage, chosen from its features,
/// and the SQL of the GeoPackage's own tables.
struct GeoPackageSchema {
    enum FieldType: Equatable {
        case integer, real, boolean, text, json

        var sqlName: String {
            switch self {
            case .integer: "INTEGER"
            case .real: "REAL"
            case .boolean: "BOOLEAN"
            case .text, .json: "TEXT"
            }
        }

        /// The type of a column holding values of both types.
        func merged(with other: FieldType) -> FieldType {
            switch (self, other) {
            case _ where self == other: self
            case (.integer, .real), (.real, .integer): .real
            default: .text
            }
        }
    }

    /// A column: where its values come from and the type that holds them all.
    struct Field {
        enum Origin { case property(String), stringID }
        var name: String
        var type: FieldType
        var origin: Origin

        /// The field's value in `feature`, whose property `position` holds it (nil: none does).
        func sqlValue(of feature: Feature, at position: Int?) -> SQLiteValue {
            switch origin {
            case .stringID:
                if case .string(let s)? = feature.id { return .text(s) }
                return .null
            case .property:
                return Self.sqlValue(position.map { feature.properties.values[$0] } ?? .null, as: type)
            }
        }

        private static func sqlValue(_ value: PropertyValue, as type: FieldType) -> SQLiteValue {
            switch (value, type) {
            case (.null, _): .null
            case (.integer(let v), .integer): .integer(v)
            case (.integer(let v), .real): .real(Double(v))
            case (.real(let v), .real): .real(v)
            case (.bool(let v), .boolean): .integer(v ? 1 : 0)
            case (.string(let s), _), (.json(let s), _): .text(s)
            case (.integer(let v), _): .text(String(v))
            case (.real(let v), _): .text(v.description)
            case (.bool(let v), _): .text(v ? "true" : "false")
            }
        }
    }

    let fields: [Field]
    let fidColumn: String
    let geometryColumn: String
    let geometryTypeName: String
    /// Whether every feature has a distinct positive integer id, which then becomes its fid.
    let usesFeatureIDs: Bool

    /// The columns of `layer`: with `promoteToMulti`, a column of polygons and multipolygons is
    /// declared `MULTIPOLYGON`.
    init(_ layer: GeoPackageLayer) {
        let features = layer.features, promoteToMulti = layer.promoteToMulti
        var types: [String: FieldType] = [:]
        var order: [String] = []
        var hasStringIDs = false
        var integerIDs: Set<Int64> = []
        var allIntegerIDs = true
        var polygons = 0, multiPolygons = 0
        var named: Set<String> = []
        // The types of a run of features with the same names, by position, merged into `types`
        // when the names change: a layer's features mostly share theirs.
        var layout: [String] = [], layoutTypes: [FieldType?] = []
        func mergeLayout() {
            for (name, type) in zip(layout, layoutTypes) {
                if let type { types[name] = types[name].map { $0.merged(with: type) } ?? type }
            }
        }
        for (n, feature) in features.enumerated() {
            if feature.properties.names != layout {
                mergeLayout()
                layout = feature.properties.names
                layoutTypes = [FieldType?](repeating: nil, count: layout.count)
                // A column comes where its name first comes; its type is that of its values, whatever the nulls before them.
                for name in layout where named.insert(name).inserted { order.append(name) }
            }
            for (i, value) in feature.properties.values.enumerated() {
                let type: FieldType
                switch value {
                case .null: continue
                case .integer: type = .integer
                case .real: type = .real
                case .bool: type = .boolean
                case .string: type = .text
                case .json: type = .json
                }
                layoutTypes[i] = layoutTypes[i].map { $0.merged(with: type) } ?? type
            }
            switch feature.id {
            case .integer(let v)? where v > 0 && integerIDs.insert(v).inserted: break
            case .string?:
                hasStringIDs = true
                allIntegerIDs = false
            default:
                allIntegerIDs = false
            }
            switch layer.geometryKind(of: n) {
            case .polygon: polygons += 1
            case .multiPolygon: multiPolygons += 1
            case .none: break
            }
        }
        mergeLayout()
        usesFeatureIDs = allIntegerIDs && !features.isEmpty
        geometryTypeName = switch (polygons, multiPolygons) {
        case (1..., 0) where !promoteToMulti: "POLYGON"
        case (_, 1...) where polygons == 0 || promoteToMulti, (1..., 0): "MULTIPOLYGON"
        default: "GEOMETRY"
        }
        (fidColumn, geometryColumn, fields) = Self.columns(order, types: types, stringIDs: hasStringIDs)
    }

    /// The fid's, the geometry's and the properties' columns (with a string ids' column after
    /// them), named apart: SQLite compares column names without case.
    private static func columns(_ order: [String], types: [String: FieldType], stringIDs: Bool) -> (fid: String, geometry: String, fields: [Field]) {
        var taken = Set(order.map { $0.lowercased() })
        func free(_ candidates: [String]) -> String {
            var name = candidates.first { !taken.contains($0.lowercased()) } ?? candidates[0]
            var n = 1
            while taken.contains(name.lowercased()) {
                name = "\(candidates[0])_\(n)"
                n += 1
            }
            taken.insert(name.lowercased())
            return name
        }
        let fidColumn = free(["fid", "ogc_fid"])
        let geometryColumn = free(["geom", "geometry"])
        var fields: [Field] = []
        var seen: Set<String> = [fidColumn.lowercased(), geometryColumn.lowercased()]
        for name in order {
            var column = name
            var n = 2
            while seen.contains(column.lowercased()) {
                column = "\(name)_\(n)"
                n += 1
            }
            seen.insert(column.lowercased())
            // A column of nulls only is TEXT.
            fields.append(Field(name: column, type: types[name] ?? .text, origin: .property(name)))
        }
        if stringIDs && !seen.contains("id") {
            fields.append(Field(name: "id", type: .text, origin: .stringID))
        }
        return (fidColumn, geometryColumn, fields)
    }

    /// For each field, the position of its property among `names` (a feature's property names).
    func positions(in names: [String]) -> [Int?] {
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return fields.map { field in
            if case .property(let name) = field.origin { index[name] } else { nil }
        }
    }

    static let coreTablesSQL = """
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
          description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
        CREATE TABLE gpkg_extensions (
          table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
          scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
        """

    static let dataColumnsSQL = """
        CREATE TABLE gpkg_data_columns (
          table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT,
          mime_type TEXT, constraint_name TEXT,
          CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
          CONSTRAINT gdc_tn UNIQUE (table_name, name));
        CREATE TABLE gpkg_data_column_constraints (
          constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT, min NUMERIC,
          min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT,
          CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));
        INSERT INTO gpkg_extensions VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write');
        INSERT INTO gpkg_extensions VALUES ('gpkg_data_column_constraints', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write');
        """

    /// The R-tree virtual table of the geometry column, filled by the writer.
    func rtreeName(table: String) -> String { "rtree_\(table)_\(geometryColumn)" }

    /// The triggers that keep the R-tree in step with later edits (GeoPackage 1.2, F.3), and
    /// the extension's registration. Created after the rows are in: the triggers call the
    /// `ST_*` functions that GeoPackage readers such as GDAL provide, which plain SQLite lacks.
    func spatialIndexTriggersSQL(table: String) -> String {
        let t = SQL.quote(table), c = SQL.quote(geometryColumn), i = SQL.quote(fidColumn)
        let r = SQL.quote(rtreeName(table: table))
        let prefix = "rtree_\(table)_\(geometryColumn)"
        let values = "NEW.\(i), ST_MinX(NEW.\(c)), ST_MaxX(NEW.\(c)), ST_MinY(NEW.\(c)), ST_MaxY(NEW.\(c))"
        func literal(_ s: String) -> String { "'" + s.replacingAll("'", with: "''") + "'" }
        return """
            CREATE TRIGGER \(SQL.quote(prefix + "_insert")) AFTER INSERT ON \(t)
              WHEN (NEW.\(c) NOT NULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END;
            CREATE TRIGGER \(SQL.quote(prefix + "_update1")) AFTER UPDATE OF \(c) ON \(t)
              WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(values)); END;
            CREATE TRIGGER \(SQL.quote(prefix + "_update2")) AFTER UPDATE OF \(c) ON \(t)
              WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
            BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END;
            CREATE TRIGGER \(SQL.quote(prefix + "_update3")) AFTER UPDATE ON \(t)
              WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); INSERT OR REPLACE INTO \(r) VALUES (\(values)); END;
            CREATE TRIGGER \(SQL.quote(prefix + "_update4")) AFTER UPDATE ON \(t)
              WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
            BEGIN DELETE FROM \(r) WHERE id IN (OLD.\(i), NEW.\(i)); END;
            CREATE TRIGGER \(SQL.quote(prefix + "_delete")) AFTER DELETE ON \(t)
              WHEN OLD.\(c) NOT NULL
            BEGIN DELETE FROM \(r) WHERE id = OLD.\(i); END;
            INSERT INTO gpkg_extensions VALUES (\(literal(table)), \(literal(geometryColumn)), 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');
            """
    }
}
