import Foundation
import PropiceGeometry

/// `public.layer_styles`, the table where QGIS looks for a PostGIS layer's default style (and
/// saves the styles its users store in the database): made with QGIS's own columns when it
/// does not exist; propice's rows for the schema's tables replaced, other rows left alone.
enum LayerStylesTable {
    /// QGIS's definition of the table (its PostgreSQL provider's).
    static let createSQL = """
        CREATE TABLE IF NOT EXISTS public.layer_styles (id serial PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar,
          f_table_name varchar, f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, useasdefault boolean,
          description text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)
        """

    /// Removes propice's styles of the tables it publishes (`tables`) and published before
    /// (`previous`) in `schema`, those named after their table or as one of `styles` (users'
    /// styles of other names stay), and writes `styles` as their tables' default, for the
    /// geometry column `geom`.
    static func replace(_ styles: [GeoPackageContents.Style], schema: String, tables: [String], previous: [String],
                        _ database: PostgreSQLConnection) throws {
        try database.execute(createSQL)
        let columns = try database.query("""
            SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'layer_styles'
            """)
        let types = Dictionary(columns.compactMap { row in row[0].map { ($0, row[1] ?? "") } }, uniquingKeysWith: { first, _ in first })
        let published = Set(tables)
        let ours = styles.filter { published.contains($0.table) }
        try database.execute("""
            DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = $1
              AND f_table_name = ANY($2::text[]) AND (stylename = f_table_name OR stylename = ANY($3::text[]))
            """, [schema, SQLText.array(Array(Set(tables + previous)).sorted()), SQLText.array(Set(ours.map(\.name)).sorted())])
        func xml(_ column: String, _ parameter: Int) -> String {
            types[column] == "xml" ? "XMLPARSE(DOCUMENT $\(parameter))" : "$\(parameter)"
        }
        // `type` left NULL: QGIS matches `type = <the data source's geometry type> OR type IS
        // NULL`, and that type is 'Polygon' for a layer added from its browser but 'Unknown
        // geometry' for a URI without one (PyQGIS, QGIS Server projects).
        let insert = """
            INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml, stylesld,
              useasdefault, description, owner)
            VALUES (current_database(), $1, $2, 'geom', $3, \(xml("styleqml", 4)), \(xml("stylesld", 5)), true, $6, current_user)
            """
        for style in ours {
            try database.execute(insert, [schema, style.table, style.name, style.qml, style.sld, style.description])
        }
    }
}
