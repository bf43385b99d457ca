import Foundation
import Propice
import PropiceGeometry

/// The tables a built folder publishes: each layer of its GeoPackage (typed columns, the
/// geometry as `MultiPolygon` in the layer's EPSG code, the code as primary key), the scores,
/// the allocations of the targets, and the territory records (`jsonb`), each commented with
/// the titles and descriptions the build gave its columns (source, vintage, unit, synthetic).
enum PublishedTables {
    static func all(_ folder: PublishedFolder) throws -> [PublishedTable] {
        let layers = try folder.geoPackage.layers.map { try layer($0, folder) }
        guard let epciLayer = folder.geoPackage.layers.first(where: { LayerName.keyColumn(of: $0.name) == "code_epci" }) else {
            throw InputError(file: folder.geoPackage.path, message: "the GeoPackage holds no EPCI layer: not the GeoPackage of a propice build")
        }
        let known = Dictionary(epciLayer.columns.map { ($0.name, (type: $0.type, description: comment($0.title, $0.description))) },
                               uniquingKeysWith: { first, _ in first })
        var tables = layers
        tables.append(try csv(folder, file: "scores.csv", table: "scores", key: ["modele", "code_epci"],
                              comment: "Scores de chaque EPCI pour chaque modèle (une ligne par modèle et EPCI)") { known[$0] })
        for (programme, level, file) in folder.allocationFiles {
            let key = level == "epci" ? ["code_epci"] : ["code_departement"]
            let label = level == "epci" ? "par EPCI" : "par département"
            tables.append(try csv(folder, file: file, table: "allocation_\(programme.replacingOccurrences(of: "-", with: "_"))_\(level)", key: key,
                                  comment: "Répartition de l'objectif régional du programme \(programme) \(label)") { AllocationTable.column($0) })
        }
        // The records first: their jsonb is the server's longest work, which the others overlap.
        tables.insert(try territories(folder), at: 0)
        return tables.map { table in
            var table = table
            table.comment += " Publié par propice \(folder.metadata.software.version), build \(folder.build) (\(folder.metadata.territory.name))."
                + (folder.metadata.notice.map { " " + $0 } ?? "")
            return table
        }
    }

    static func comment(_ title: String, _ description: String) -> String {
        [title, description].filter { !$0.isEmpty }.joined(separator: " : ")
    }

    static func sqlType(_ type: ColumnType) -> String {
        switch type {
        case .boolean: "boolean"
        case .integer: "bigint"
        case .real: "double precision"
        case .text: "text"
        case .json: "jsonb"
        }
    }

    /// A layer of the GeoPackage, copied in binary.
    private static func layer(_ layer: GeoPackageContents.Layer, _ folder: PublishedFolder) throws -> PublishedTable {
        let path = folder.geoPackage.path
        guard let key = LayerName.keyColumn(of: layer.name), layer.columns.contains(where: { $0.name == key }) else {
            throw InputError(file: path, message: "layer \(layer.name): not a layer of a propice build (no code column to key it by)")
        }
        guard let srid = Int32(exactly: layer.epsg) else { throw InputError(file: path, message: "layer \(layer.name): EPSG code \(layer.epsg) out of range") }
        let band = folder.metadata.bands.first { layer.name.hasSuffix("_" + $0.name) }
        let communes = folder.metadata.inputs.first { $0.role == "communes" }.map { ($0.path as NSString).lastPathComponent } ?? "communes"
        let outline = "Contour (MultiPolygon, EPSG:\(srid))" + (band.map { ", frontières simplifiées une fois pour tous les voisins (bande \($0.name), tolérance \(FrenchNumber.format($0.tolerance, decimals: 0)) m)" } ?? "")
            + ". Source : \(communes), COG \(folder.metadata.territory.cog)."
        let columns = layer.columns.map { PublishedTable.Column(name: $0.name, type: sqlType($0.type), comment: comment($0.title, $0.description)) }
            + [PublishedTable.Column(name: "geom", type: "geometry(MultiPolygon, \(srid))", comment: outline)]
        let names = columns.map { SQLText.identifier($0.name) }.joined(separator: ", ")
        return PublishedTable(name: layer.name, comment: comment(layer.title, layer.description) + ".", columns: columns, primaryKey: [key],
                              spatialColumn: "geom") { connection, qualified in
            try connection.copy("COPY \(qualified) (\(names)) FROM STDIN (FORMAT binary, FREEZE)") { send in
                var copy = BinaryCopy(), row = 0
                // A reader of its own: the tables are loaded on several threads at once.
                try GeoPackageContents(path: path).forEachRow(of: layer) { values, wkb in
                    defer { row += 1 }
                    func fail(_ message: String) -> InputError {
                        InputError(file: path, location: .feature(row, byteOffset: nil), message: "layer \(layer.name): \(message)")
                    }
                    copy.row(fields: columns.count)
                    for (value, column) in zip(values, layer.columns) {
                        guard encode(value, as: column.type, into: &copy) else { throw fail("column \(column.name) holds a value not of its type") }
                    }
                    guard let wkb else { throw fail("the feature has no geometry") }
                    do {
                        copy.field(try EWKB.multiPolygon(wkb, srid: srid))
                    } catch let error as WKBError {
                        throw fail(error.message)
                    }
                    if copy.bytes.count >= BinaryCopy.chunkSize { try send(copy.take()) }
                }
                copy.finish()
                try send(copy.take())
                try folder.checkGeoPackageUnchanged()
            }
        }
    }

    /// Encodes a GeoPackage value in a column of `type`; false when it is not of that type.
    private static func encode(_ value: SQLiteValue, as type: ColumnType, into copy: inout BinaryCopy) -> Bool {
        switch (value, type) {
        case (.null, _): copy.null()
        case (.integer(let v), .boolean): copy.boolean(v != 0)
        case (.integer(let v), .integer): copy.integer(v)
        case (.integer(let v), .real): copy.double(Double(v))
        case (.real(let v), .real): copy.double(v)
        case (.text(let s), .text): copy.text(s)
        case (.text(let s), .json): copy.jsonb(s.utf8)
        default: return false
        }
        return true
    }

    /// A CSV table of the build, its columns typed and described by `describe`, copied by the
    /// server's CSV reader, which checks the header (`HEADER MATCH`).
    private static func csv(_ folder: PublishedFolder, file: String, table: String, key: [String], comment: String,
                            describe: (String) -> (type: ColumnType, description: String)?) throws -> PublishedTable {
        let bytes = try folder.read(file)
        let header = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let columns = try header.split(separator: ",", omittingEmptySubsequences: false).map { name in
            guard let about = describe(String(name)) else {
                throw InputError(file: folder.folder + "/" + file, location: .line(1, column: nil), message: "column \(name) is not one propice build writes")
            }
            return PublishedTable.Column(name: String(name), type: sqlType(about.type), comment: about.description)
        }
        let names = columns.map { SQLText.identifier($0.name) }.joined(separator: ", ")
        return PublishedTable(name: table, comment: comment + " (\(file)).", columns: columns, primaryKey: key, spatialColumn: nil) { connection, qualified in
            try connection.copy("COPY \(qualified) (\(names)) FROM STDIN (FORMAT csv, HEADER MATCH, FREEZE)") { send in
                var start = 0
                while start < bytes.count {
                    let end = min(start + BinaryCopy.chunkSize, bytes.count)
                    try send(Array(bytes[start..<end]))
                    start = end
                }
            }
        }
    }

    /// Each EPCI's record, as `jsonb`.
    private static func territories(_ folder: PublishedFolder) throws -> PublishedTable {
        let index = try folder.decode(TerritoryIndex.self, "territoires/index.json")
        let records = try index.epci.map { ($0, try folder.read("territoires/\($0.code).json")) }
        let columns = [
            PublishedTable.Column(name: "code_epci", type: "text", comment: "Code EPCI : SIREN de l'EPCI (COG)"),
            PublishedTable.Column(name: "nom_epci", type: "text", comment: "Nom de l'EPCI"),
            PublishedTable.Column(name: "fiche", type: "jsonb", comment: "La fiche de l'EPCI (territoires/<SIREN>.json) : chaque modèle, "
                                  + "son score, ses indicateurs avec leurs bornes, leur source et s'ils sont synthétiques, les parts des objectifs"),
        ]
        return PublishedTable(name: "territoires", comment: "Fiches des EPCI, telles que propice query et propice serve les lisent.",
                              columns: columns, primaryKey: ["code_epci"], spatialColumn: nil) { connection, qualified in
            try connection.copy("COPY \(qualified) (code_epci, nom_epci, fiche) FROM STDIN (FORMAT binary, FREEZE)") { send in
                var copy = BinaryCopy()
                for (entry, record) in records {
                    copy.row(fields: 3)
                    copy.text(entry.code)
                    copy.text(entry.name)
                    copy.jsonb(record)
                }
                copy.finish()
                try send(copy.take())
            }
        }
    }
}
