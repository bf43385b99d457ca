import Testing
@testable import PropiceGeometry
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("GeoPackage")
struct GeoPackageTests {
    let folder = TemporaryFolder()

    static let features = [
        Feature(id: .integer(12), properties: Properties([("code", .string("09001")), ("pop", .integer(512)), ("taux", .real(0.25)),
                                                          ("ok", .bool(true)), ("liste", .json(#"[1,"a"]"#)), ("vide", .null)]),
                geometry: .polygon(Polygon(exterior: square(0, 0, 10), holes: [square(2, 2, 1, clockwise: true)]))),
        Feature(id: .integer(3), properties: Properties([("code", .string("2A004")), ("pop", .integer(7)), ("taux", .integer(1)),
                                                         ("ok", .bool(false)), ("liste", .null), ("vide", .null)]),
                geometry: .multiPolygon(MultiPolygon(polygons: [Polygon(exterior: square(20, 0, 5)), Polygon(exterior: square(30, 0, 5))]))),
    ]

    /// The first column of every row `sql` selects in the GeoPackage at `path`, as text ("NULL" for null).
    static func strings(_ sql: String, in path: String) throws -> [String] {
        let statement = try SQLiteDatabase(path: path, create: false).prepare(sql)
        var values: [String] = []
        while try statement.step() { values.append(statement.text(0) ?? "NULL") }
        return values
    }

    func write(_ features: [Feature], to name: String, crs: CRS = .lambert93) throws -> String {
        let path = folder.file(name)
        let writer = try GeoPackageWriter(path: path, layerName: "communes", crs: crs, lastChange: "2025-01-01T00:00:00.000Z")
        for feature in features { try writer.write(feature) }
        try writer.finish()
        return path
    }

    @Test("promoted layers are MULTIPOLYGON; titles, column titles and styles are written, a title given twice kept unique")
    func describedAndStyled() throws {
        let path = folder.file("styled.gpkg")
        let style = GeoPackageStyle(name: "s", qml: "<qgis/>", sld: "<StyledLayerDescriptor/>", description: "d")
        let columns = [GeoPackageColumn(property: "code", title: "Code", description: "code INSEE"),
                       GeoPackageColumn(property: "pop", title: "Code", description: "a title given twice")]
        try GeoPackageWriter.write([GeoPackageLayer(name: "a", crs: .wgs84, features: Self.features, promoteToMulti: true, title: "Communes",
                                                    columns: columns, style: style),
                                    GeoPackageLayer(name: "b", crs: .wgs84, features: Self.features, promoteToMulti: true, title: "Communes")],
                                   to: path, lastChange: "2025-01-01T00:00:00.000Z")
        let back = try readAll(path, layer: "a")
        #expect(back.allSatisfy { if case .multiPolygon? = $0.geometry { true } else { false } }, "the polygon is stored as a multipolygon")
        func strings(_ sql: String) throws -> [String] { try Self.strings(sql, in: path) }
        #expect(try strings("SELECT geometry_type_name FROM gpkg_geometry_columns ORDER BY table_name") == ["MULTIPOLYGON", "MULTIPOLYGON"])
        #expect(try strings("SELECT identifier FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name") == ["Communes", "Communes (b)"])
        #expect(try strings("SELECT title FROM gpkg_data_columns WHERE table_name = 'a' AND title IS NOT NULL ORDER BY column_name")
                == ["Code", "Code (pop)"])
        #expect(try strings("SELECT f_table_name || ' ' || useAsDefault || ' ' || styleQML FROM layer_styles") == ["a 1 <qgis/>"])
        #expect(try strings("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'") == ["attributes"])
        #expect(throws: OutputError.self, "a layer may not take the styles' table's name") {
            try GeoPackageWriter.write([GeoPackageLayer(name: "layer_styles", crs: .lambert93, features: Self.features, style: style)],
                                       to: folder.file("bad.gpkg"), lastChange: "2025-01-01T00:00:00.000Z")
        }
    }

    @Test("geometries drawn from a topology's faces are written as the features' own would be; a face short is an error")
    func drawnFromFaces() throws {
        let topology = Topology(coverage: Self.features.map(\.geometry))
        let bare = Self.features.map { Feature(id: $0.id, properties: $0.properties, geometry: nil) }
        let drawn = folder.file("drawn.gpkg"), own = folder.file("own.gpkg")
        try GeoPackageWriter.write([GeoPackageLayer(name: "a", crs: .wgs84, features: bare, geometries: .faces(topology, topology.faces))],
                                   to: drawn, lastChange: "2025-01-01T00:00:00.000Z")
        try GeoPackageWriter.write([GeoPackageLayer(name: "a", crs: .wgs84, features: Self.features)], to: own, lastChange: "2025-01-01T00:00:00.000Z")
        let back = try readAll(drawn, layer: "a")
        // The integer ids are the fids, which the reader follows: 3, then 12.
        #expect(back.map(\.geometry) == [topology.geometry(of: 1), topology.geometry(of: 0)])
        #expect(back.map(\.geometry) == (try readAll(own, layer: "a")).map(\.geometry))
        #expect(try Self.strings("SELECT geometry_type_name FROM gpkg_geometry_columns", in: drawn) == ["GEOMETRY"],
                "a polygon and a multipolygon, read from the faces' kinds")
        #expect(throws: OutputError.self) {
            try GeoPackageWriter.write([GeoPackageLayer(name: "a", crs: .wgs84, features: bare, geometries: .faces(topology, [topology.faces[0]]))],
                                       to: folder.file("short.gpkg"), lastChange: "2025-01-01T00:00:00.000Z")
        }
    }

    @Test("a layer sharing the previous one's geometries stores the same blobs as drawing its own; sharing with no match is an error")
    func sharedGeometries() throws {
        let topology = Topology(coverage: Self.features.map(\.geometry))
        let bare = Self.features.map { Feature(id: $0.id, properties: $0.properties, geometry: nil) }
        func layer(_ name: String, shares: Bool, features: [Feature]? = nil, crs: CRS = .wgs84) -> GeoPackageLayer {
            GeoPackageLayer(name: name, crs: crs, features: features ?? bare, geometries: .faces(topology, topology.faces),
                            sharesPreviousGeometries: shares, promoteToMulti: true)
        }
        let shared = folder.file("shared.gpkg"), own = folder.file("own.gpkg")
        try GeoPackageWriter.write([layer("a", shares: false), layer("b", shares: true), layer("c", shares: true)], to: shared,
                                   lastChange: "2025-01-01T00:00:00.000Z")
        try GeoPackageWriter.write([layer("a", shares: false), layer("b", shares: false), layer("c", shares: false)], to: own,
                                   lastChange: "2025-01-01T00:00:00.000Z")
        for table in ["a", "b", "c"] {
            let sql = "SELECT fid || ' ' || hex(geom) FROM \(table) ORDER BY fid"
            let blobs = try Self.strings(sql, in: shared), drawn = try Self.strings(sql, in: own)
            #expect(blobs.count == 2 && blobs == drawn, "table \(table)")
            let indexed = try Self.strings("SELECT count(*) || '' FROM rtree_\(table)_geom", in: shared)
            #expect(indexed == ["2"], "table \(table)")
        }
        let mismatched: [(String, [GeoPackageLayer])] = [
            ("the first layer", [layer("a", shares: true)]),
            ("another count", [layer("a", shares: false), layer("b", shares: true, features: [bare[0]])]),
            ("another CRS", [layer("a", shares: false), layer("b", shares: true, crs: .lambert93)]),
        ]
        for (reason, layers) in mismatched {
            #expect(throws: OutputError.self, "\(reason)") {
                try GeoPackageWriter.write(layers, to: folder.file("bad.gpkg"), lastChange: "2025-01-01T00:00:00.000Z")
            }
        }
    }

    @Test("round trip keeps geometries, property types and codes as strings")
    func roundTrip() throws {
        let path = try write(Self.features, to: "a.gpkg", crs: .wgs84)
        let reader = try GeoPackageReader(path: path)
        #expect(reader.declaredCRS == .wgs84)
        #expect(reader.layerName == "communes")
        let back = try readAll(path)
        #expect(back.count == 2)
        // Rows come back in fid order, and the integer ids became the fids.
        #expect(back[0].geometry == Self.features[1].geometry)
        #expect(back[1].geometry == Self.features[0].geometry)
        #expect(back[1].properties == Properties([("code", .string("09001")), ("pop", .integer(512)), ("taux", .real(0.25)),
                                                  ("ok", .bool(true)), ("liste", .json(#"[1,"a"]"#)), ("vide", .null)]))
        #expect(back[0].properties["code"] == .string("2A004"))
        #expect(back[0].properties["taux"] == .real(1))
    }

    @Test("a column's type is its values', whatever nulls come before them; the layer's last change is read back")
    func nullsFirst() throws {
        let shape = Geometry.polygon(Polygon(exterior: square(0, 0, 1)))
        let features = [Feature(properties: Properties([("classe", .null), ("motif", .string("hors critères"))]), geometry: shape),
                        Feature(properties: Properties([("classe", .integer(2)), ("motif", .null)]), geometry: shape),
                        Feature(properties: Properties([("classe", .integer(1)), ("motif", .null), ("rien", .null)]), geometry: shape)]
        let path = try write(features, to: "nulls.gpkg", crs: .wgs84)
        #expect(try Self.strings("SELECT name || ' ' || type FROM pragma_table_info('communes')", in: path) == ["fid INTEGER", "geom POLYGON", "classe INTEGER", "motif TEXT", "rien TEXT"])
        let back = try readAll(path)
        #expect(back.map { $0.properties["classe"] } == [.null, .integer(2), .integer(1)])
        #expect(try GeoPackageReader(path: path).lastChange == "2025-01-01T00:00:00.000Z")
    }

    @Test("properties in another order, or missing, from feature to feature land in their columns; types merge across runs")
    func propertyOrders() throws {
        let shape = Geometry.polygon(Polygon(exterior: square(0, 0, 1)))
        let layouts: [[(String, PropertyValue)]] = [
            [("a", .integer(1)), ("b", .string("x"))], [("a", .integer(2)), ("b", .string("y"))],
            [("b", .string("z")), ("a", .real(0.5))], [("c", .bool(true))], [("a", .integer(3)), ("b", .null), ("c", .bool(false))],
        ]
        let path = try write(layouts.map { Feature(properties: Properties($0), geometry: shape) }, to: "orders.gpkg", crs: .wgs84)
        #expect(try Self.strings("SELECT name || ' ' || type FROM pragma_table_info('communes')", in: path) == ["fid INTEGER", "geom POLYGON", "a REAL", "b TEXT", "c BOOLEAN"])
        let back = try readAll(path)
        #expect(back.map { $0.properties["a"] } == [.real(1), .real(2), .real(0.5), .null, .real(3)])
        #expect(back.map { $0.properties["b"] } == [.string("x"), .string("y"), .string("z"), .null, .null])
        #expect(back.map { $0.properties["c"] } == [.null, .null, .null, .bool(true), .bool(false)])
    }

    @Test("same features, same bytes")
    func deterministic() throws {
        let a = try write(Self.features, to: "a.gpkg"), b = try write(Self.features, to: "b.gpkg")
        #expect(TemporaryFolder.read(path: a) == TemporaryFolder.read(path: b))
    }

    @Test("GDAL reads what we write: layer, CRS, feature count, no error or warning")
    func gdalReadsIt() throws {
        guard access("/usr/bin/ogrinfo", X_OK) == 0 else {
            if Geodata.isUnderCI { Issue.record("ogrinfo (gdal-bin) is required under CI") }
            return
        }
        let path = try write(Self.features, to: "a.gpkg")
        let (status, output) = run("/usr/bin/ogrinfo -al -so \(path) 2>&1")
        #expect(status == 0)
        #expect(output.contains("Layer name: communes"))
        #expect(output.contains("Geometry: Unknown (any)") || output.contains("Geometry: "))
        #expect(output.contains("Feature Count: 2"))
        #expect(output.contains("RGF93 v1 / Lambert-93"))
        #expect(output.contains("code: String"))
        #expect(!output.contains("ERROR") && !output.contains("Warning"), "\(output)")
        let (validStatus, validation) = run("/usr/bin/ogrinfo \(path) -sql \"SELECT COUNT(*) FROM rtree_communes_geom\" 2>&1")
        #expect(validStatus == 0 && validation.contains("= 2"), "\(validation)")
    }

    @Test("bad GeoPackages get clear errors")
    func badInput() throws {
        let empty = folder.write("empty.gpkg", "")
        #expect(inputError { _ = try GeoPackageReader(path: empty) }?.description == "\(empty): the file is empty")
        let text = folder.write("text.gpkg", "this is not a database, only text that is long enough")
        #expect(inputError { _ = try GeoPackageReader(path: text) }?.message == "not a GeoPackage: the file is not an SQLite database")
        let path = try write(Self.features, to: "a.gpkg")
        #expect(inputError { _ = try GeoPackageReader(path: path, layer: "epci") }?.message == "no feature layer named 'epci'; the layers are: communes")
    }

    /// Runs a shell command and returns its exit status and output.
    func run(_ command: String) -> (Int32, String) {
        guard let pipe = popen(command, "r") else { return (-1, "") }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, pipe) }
            if n == 0 { break }
            output.append(contentsOf: buffer[0..<n])
        }
        let status = pclose(pipe)
        return (status >> 8, String(decoding: output, as: UTF8.self))
    }
}

extension GeoPackageTests {
    @Test("the reader stays at its end once there")
    func staysAtEnd() throws {
        let reader = try GeoPackageReader(path: try write(Self.features, to: "a.gpkg"))
        #expect(try reader.next() != nil)
        #expect(try reader.next() != nil)
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }
}
