import Foundation
import Testing
@testable import Propice
import PropiceGeometry
@testable import PropicePostGIS
import PropiceTestSupport

/// `propice publish` of the Occitanie build: every table as the GeoPackage and the CSV files
/// hold it, typed, keyed, indexed, commented and styled for QGIS.
@Suite("propice publish: what lands in PostGIS")
struct PublishContentsTests {
    @Test("row counts, MultiPolygon in EPSG:2154, keys and GiST indices, ST_Equals on a sample, styles, comments; twice changes nothing")
    func occitanie() async throws {
        let folder = try BuiltFolders.occitanie.get()
        let database = try TestCluster.database()
        let connectionString = try TestCluster.superuser(database)
        let report = try await onOwnThread { try PostGISPublisher.publish(folder: folder, to: connectionString, schema: "propice") }
        #expect(!report.alreadyPublished)
        let connection = try PostgreSQLConnection(connectionString)
        let contents = try GeoPackageContents(path: folder + "/propice.gpkg")
        #expect(contents.layers.count >= 9)

        for layer in contents.layers {
            let table = "propice." + layer.name
            var rows = 0, sampled = 0
            let key = try #require(LayerName.keyColumn(of: layer.name))
            let keyIndex = try #require(layer.columns.firstIndex { $0.name == key })
            try contents.forEachRow(of: layer) { values, wkb in
                defer { rows += 1 }
                guard rows % 20 == 0, let wkb, case .text(let code) = values[keyIndex] else { return }
                let hex = wkb.map { String(format: "%02x", $0) }.joined()
                let equal = try connection.query("SELECT ST_Equals(geom, ST_GeomFromWKB(decode($1, 'hex'), \(layer.epsg))) FROM \(table) WHERE \(key) = $2", [hex, code])
                #expect(equal == [["t"]], "\(layer.name) \(code): the geometry differs from the GeoPackage's")
                sampled += 1
            }
            #expect(sampled > 0)
            #expect(try connection.query("SELECT count(*) FROM \(table)") == [["\(rows)"]], "\(layer.name)")
            #expect(try connection.query("SELECT type, srid FROM geometry_columns WHERE f_table_schema = 'propice' AND f_table_name = $1",
                                         [layer.name]) == [["MULTIPOLYGON", "2154"]], "\(layer.name)")
            #expect(try connection.query("""
                SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = '\(table)'::regclass AND i.indisprimary
                """) == [[key]], "\(layer.name): primary key")
            #expect(try connection.query("SELECT count(*) FROM pg_indexes WHERE schemaname = 'propice' AND tablename = $1 AND indexdef LIKE '%USING gist (geom)%'",
                                         [layer.name]) == [["1"]], "\(layer.name): GiST index")
            // Types as the GeoPackage declares them.
            for column in layer.columns {
                let type = try connection.query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '\(table)'::regclass AND attname = $1", [column.name])
                #expect(type == [[PublishedTables.sqlType(column.type)]], "\(layer.name).\(column.name)")
            }
        }
        let epci = try #require(contents.layers.first { $0.name == "epci_iml_100m" })
        #expect(epci.columns.contains { $0.type == .boolean } && epci.columns.contains { $0.type == .real })
        #expect(try connection.query("SELECT count(*) FROM propice.epci_iml_100m") == [["164"]])

        // Scores, territory records and allocations as the CSV files and the folder hold them.
        let scoreLines = String(decoding: TemporaryFolder.read(path: folder + "/scores.csv"), as: UTF8.self).split(separator: "\n").count - 1
        #expect(try connection.query("SELECT count(*) FROM propice.scores") == [["\(scoreLines)"]])
        #expect(try connection.query("SELECT count(*), count(DISTINCT fiche->>'code_epci') FROM propice.territoires") == [["164", "164"]])
        #expect(try connection.query("SELECT fiche->>'nom_epci' FROM propice.territoires WHERE code_epci = '243100518'") == [["Toulouse Métropole"]])
        let allocations = try connection.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'propice' AND table_name LIKE 'allocation_%'")
        #expect(allocations.count == 10)
        #expect(try connection.query("SELECT sum(objectif_2027) FROM propice.allocation_iml_epci").first?.first.flatMap { $0.flatMap(Int.init) } == 2300)
        let metadata = try connection.query("SELECT build, metadonnees->'territoire'->>'nom' FROM propice.metadonnees")
        #expect(metadata == [[report.build, "Occitanie"]])

        // Every table and column commented; the synthetic inputs said so.
        #expect(try connection.query("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'propice' AND c.relkind = 'r' AND coalesce(obj_description(c.oid, 'pg_class'), '') = ''
            """) == [])
        #expect(try connection.query("""
            SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'propice' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND coalesce(col_description(c.oid, a.attnum), '') = ''
            """) == [])
        let tableComment = try #require(try connection.query("SELECT obj_description('propice.epci_iml_100m'::regclass, 'pg_class')").first?.first ?? nil)
        #expect(tableComment.contains(report.build))
        let comments = try connection.query("SELECT col_description('propice.epci_iml_100m'::regclass, attnum) FROM pg_attribute WHERE attrelid = 'propice.epci_iml_100m'::regclass AND attnum > 0")
            .compactMap { $0.first ?? nil }
        #expect(comments.contains { $0.contains("LOVAC") }, "a column names its source")
        let flag = try connection.query("SELECT col_description('propice.epci_iml_100m'::regclass, attnum) FROM pg_attribute WHERE attrelid = 'propice.epci_iml_100m'::regclass AND attname = 'donnees_synthetiques'")
        #expect(flag.first?.first??.contains("synthétique") == true, "the flag of synthetic figures is explained")

        // The QGIS styles, one default per layer, where QGIS looks for them.
        let styles = try connection.query("""
            SELECT f_table_name, useasdefault::text, (type IS NULL)::text, f_geometry_column, (styleqml IS NOT NULL)::text FROM public.layer_styles
            WHERE f_table_catalog = current_database() AND f_table_schema = 'propice' ORDER BY f_table_name
            """)
        let styled = Set(contents.styles.map(\.table))
        #expect(!styled.isEmpty)
        #expect(styles.map { $0[0] ?? "" } == styled.sorted())
        #expect(styles.allSatisfy { $0[1] == "true" && $0[2] == "true" && $0[3] == "geom" && $0[4] == "true" })

        // The same build again: nothing changed, and said so.
        let before = try TestCluster.fingerprint(database)
        let again = try await onOwnThread { try PostGISPublisher.publish(folder: folder, to: connectionString, schema: "propice") }
        #expect(again.alreadyPublished && again.build == report.build)
        #expect(try TestCluster.fingerprint(database) == before)
        let cli = PropiceExecutable.run("publish --output '\(folder)' --to '\(connectionString)'")
        #expect(cli.status == 0 && cli.stderr.contains("already holds build \(report.build)"), "\(cli.stderr)")
    }
}
