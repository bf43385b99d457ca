/// The `layer_styles` table that QGIS reads when it opens a GeoPackage's layer (and writes
/// when one saves a style in it): one row per layer, its QML and SLD, flagged as the default
/// style so that QGIS applies it. Registered in `gpkg_contents` as an attributes table, as
/// QGIS registers it, so that GeoPackage validators accept it.
enum GeoPackageStyles {
    static let tableName = "layer_styles"

    static let createSQL = """
        CREATE TABLE "layer_styles" (
          "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "f_table_catalog" TEXT(256), "f_table_schema" TEXT(256),
          "f_table_name" TEXT(256), "f_geometry_column" TEXT(256), "styleName" TEXT(30), "styleQML" TEXT, "styleSLD" TEXT,
          "useAsDefault" BOOLEAN, "description" TEXT, "owner" TEXT(30), "ui" TEXT(30), "update_time" DATETIME);
        """

    /// Writes each (table, geometry column, style) as its table's default style; `lastChange`
    /// is every row's `update_time`, so that the same inputs give the same bytes.
    static func write(_ styles: [(table: String, geometryColumn: String, style: GeoPackageStyle)], to db: SQLiteDatabase,
                      lastChange: String) throws {
        try db.execute(createSQL)
        let insert = try db.prepare("""
            INSERT INTO "layer_styles" ("f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
              "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time")
            VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, '', NULL, ?)
            """)
        for (table, column, style) in styles {
            insert.reset()
            for (i, value) in [table, column, style.name, style.qml, style.sld, style.description, lastChange].enumerated() {
                try insert.bind(Int32(i + 1), .text(value))
            }
            _ = try insert.step()
        }
        let contents = try db.prepare("""
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, srs_id)
            VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS styles of the layers', ?, 0)
            """)
        try contents.bind(1, .text(lastChange))
        _ = try contents.step()
    }
}
