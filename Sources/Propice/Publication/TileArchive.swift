import Foundation
import PropiceGeometry

/// `propice.pmtiles`: every layer of the build as vector tiles (MVT, gzip-compressed) in one
/// PMTiles archive. At each zoom level the communes' coverage is simplified for the level's
/// resolution and rounded to its grid once (`TiledCoverage`); the EPCI and départements,
/// dissolved once from the same arcs, follow it, so that the three layers and every pair of
/// neighbours share their borders exactly; each feature is then cut to the tiles it meets, with a buffer (`TileClipping`).
/// Features keep the properties `TileSettings.attributes` names; the EPCI's id is its SIREN.
enum TileArchive {
    /// A layer of the tiles: its name, which shapes it draws, and each feature's properties by code.
    struct TileLayer {
        enum Shapes { case communes, epci, departements }

        var name: String
        var shapes: Shapes
        /// The model whose EPCI the layer draws.
        var model: String?
        /// The lowest zoom level the layer is in.
        var minZoom: Int
        var description: String
        var properties: [String: Properties]
        /// The kept properties' names and vector-tile types (`String`, `Number`, `Boolean`).
        var fields: [(name: String, type: String)]
    }

    /// Tiles encoded together, then added to the archive: bounds the memory the tiles' bytes take.
    static let tilesPerBatch = 256

    /// Writes the archive of the tiles' layers (`tileLayers`) at `path`.
    static func write(_ tileLayers: [TileLayer], source: MapGeometry.TileSource, bounds: BoundingBox, settings: TileSettings,
                      metadata: BuildMetadata, to path: String) throws {
        let writer = try PMTilesWriter(path: path)
        let latitude = (bounds.minY + bounds.maxY) / 2
        for zoom in settings.zoom {
            let grid = TileGrid(zoom: zoom, extent: settings.extent)
            let topology = try source.coverage.topology(on: grid, tolerance: settings.toleranceMetres(zoom: zoom, latitude: latitude))
            let drawn = tileLayers.map { zoom >= $0.minZoom ? $0 : nil }
            let tiles = cut(shapes(source, topology: topology, drawn: drawn), layers: drawn, grid: grid, buffer: settings.buffer)
            // In the archive's order: by tile identifier, each computed once.
            let keys = tiles.keys.map { (id: PMTilesTileID.id(zoom: zoom, x: $0.x, y: $0.y), key: $0) }.sorted { $0.id < $1.id }.map(\.key)
            for start in stride(from: 0, to: keys.count, by: tilesPerBatch) {
                let batch = Array(keys[start..<min(start + tilesPerBatch, keys.count)])
                let encoded = batch.parallelMap { key in
                    let tile = VectorTile(layers: tileLayers.indices.map { VectorTile.Layer(name: tileLayers[$0].name, extent: settings.extent,
                                                                                             features: tiles[key]?[$0] ?? []) })
                    return tile.encoded().withUnsafeBytes { Deflater.compress($0, wrapper: .gzip, level: 6) }
                }
                for (key, bytes) in zip(batch, encoded) { try writer.add(zoom: zoom, x: key.x, y: key.y, bytes: bytes) }
            }
        }
        let summary = PMTilesWriter.Summary(minZoom: settings.zoom.lowerBound, maxZoom: settings.zoom.upperBound,
                                            bounds: (bounds.minX, bounds.minY, bounds.maxX, bounds.maxY),
                                            centerZoom: centerZoom(bounds, zooms: settings.zoom))
        try writer.finish(metadata: try archiveMetadata(tileLayers, settings: settings, metadata: metadata), summary: summary)
    }

    struct TileKey: Hashable { var x: Int, y: Int }

    /// One shape to cut: its kind, code and polygons in the zoom's world units.
    typealias Shape = (kind: TileLayer.Shapes, code: String, polygons: [TilePolygon])

    /// The shapes the layers at this zoom (`drawn`) draw: the communes, the EPCI, the
    /// départements, in that order, each as polygons of the zoom's topology.
    static func shapes(_ source: MapGeometry.TileSource, topology: Topology, drawn: [TileLayer?]) -> [Shape] {
        let kinds = Set(drawn.compactMap { $0?.shapes })
        let communes = kinds.contains(.communes) ? Array(zip(source.communes.map(\.value), topology.faces)) : []
        let groups = (kinds.contains(.epci) ? source.epci : []).map { (TileLayer.Shapes.epci, $0.code, $0.arcs) }
            + (kinds.contains(.departements) ? source.departements : []).map { (TileLayer.Shapes.departements, $0.code, $0.arcs) }
        return communes.map { (TileLayer.Shapes.communes, $0.0, topology.tilePolygons(of: $0.1)) }
            + groups.map { ($0.0, $0.1, topology.tilePolygons(of: $0.2)) }
    }

    /// The features of every layer (nil for a layer not at this zoom), cut to each tile they
    /// meet: by tile, by layer, in the shapes' order.
    static func cut(_ shapes: [Shape], layers: [TileLayer?], grid: TileGrid, buffer: Int) -> [TileKey: [[VectorTile.Feature]]] {
        var tiles: [TileKey: [[VectorTile.Feature]]] = [:]
        let drawing = [TileLayer.Shapes.communes, .epci, .departements].map { kind in (kind, layers.indices.filter { layers[$0]?.shapes == kind }) }
        for shape in shapes {
            guard let layersDrawing = drawing.first(where: { $0.0 == shape.kind })?.1, !layersDrawing.isEmpty else { continue }
            // Each polygon's rectangle once, not once per tile: most of a large shape's
            // polygons meet few of its tiles.
            let polygons = shape.polygons.compactMap { polygon in
                polygon.first.flatMap(TileClipping.Box.around).map { (polygon: polygon, bounds: $0) }
            }
            guard let box = polygons.dropFirst().reduce(polygons.first?.bounds, { $0?.union($1.bounds) }) else { continue }
            let range = grid.tiles(meeting: box, buffer: buffer)
            for y in range.y {
                for x in range.x {
                    let tileBox = grid.box(x: x, y: y, buffer: buffer)
                    let clipped = polygons.compactMap { TileClipping.clip($0.polygon, bounds: $0.bounds, to: tileBox) }
                    guard !clipped.isEmpty else { continue }
                    let local = clipped.map { polygon in
                        polygon.map { ring in ring.map { TilePoint(x: $0.x - x * grid.extent, y: $0.y - y * grid.extent) } }
                    }
                    let key = TileKey(x: x, y: y)
                    // Encoded once for the layers that draw the same shape (every model's EPCI).
                    let geometry = VectorTile.geometryCommands(local)
                    for l in layersDrawing {
                        // Appended in place: the tile's features are never copied.
                        tiles[key, default: Array(repeating: [], count: layers.count)][l]
                            .append(VectorTile.Feature(id: shape.kind == .epci ? UInt64(shape.code) : nil,
                                                       properties: layers[l]?.properties[shape.code] ?? Properties(), geometry: geometry))
                    }
                }
            }
        }
        return tiles
    }

    /// The tiles' layers: every model's EPCI, the communes, the départements (drawn in that
    /// order from the bottom), with the properties `settings.attributes` keeps of the build's
    /// layers; an attribute that no feature of its layer has is an error naming `configuration`.
    static func tileLayers(_ layers: Layers, settings: TileSettings, metadata: BuildMetadata, configuration: String) throws -> [TileLayer] {
        let attributes = settings.attributes
        return try layers.all.filter { $0.band == 0 }.map { layer in
            let kept: [String], shapes: TileLayer.Shapes, name: String, description: String, model: String?
            switch layer.kind {
            case .communes: (kept, shapes, name, description, model) = (attributes.communes, .communes, "communes", "Les communes", nil)
            case .departements:
                (kept, shapes, name, description, model) = (attributes.departements, .departements, "departements", "Les départements", nil)
            case .epci(let m):
                let entry = metadata.models[m]
                (kept, shapes, name, description, model) = (attributes.epci, .epci, "epci_" + LayerName.identifier(entry.id),
                                                              "Les EPCI, par le modèle \(entry.id) (\(entry.programme))", entry.id)
            }
            let known = Set(layer.features.flatMap(\.properties.names))
            if let unknown = kept.first(where: { !known.contains($0) }) {
                throw InputError(file: configuration, message: "build: tiles: attributes: '\(unknown)' is not a property of the layer \(name); "
                                 + "its properties are " + known.sorted().joined(separator: ", "))
            }
            var fields: [String: String] = [:]
            var properties: [String: Properties] = [:]
            for feature in layer.features {
                guard case .string(let code) = feature.id else { continue }
                let pairs = kept.compactMap { name in feature.properties[name].map { (name, $0) } }
                for (name, value) in pairs { if let type = fieldType(value) { fields[name] = type } }
                properties[code] = Properties(pairs)
            }
            let minZoom = shapes == .communes ? max(settings.communesMinZoom, settings.zoom.lowerBound) : settings.zoom.lowerBound
            return TileLayer(name: name, shapes: shapes, model: model, minZoom: minZoom, description: description, properties: properties,
                             fields: kept.compactMap { name in fields[name].map { (name, $0) } })
        }.sorted { order($0.shapes) < order($1.shapes) }
    }

    private static func order(_ shapes: TileLayer.Shapes) -> Int {
        switch shapes {
        case .epci: 0
        case .communes: 1
        case .departements: 2
        }
    }

    /// The type TileJSON's `vector_layers` give a field; nil for null.
    static func fieldType(_ value: PropertyValue) -> String? {
        switch value {
        case .string, .json: "String"
        case .integer, .real: "Number"
        case .bool: "Boolean"
        case .null: nil
        }
    }

    /// The zoom level that shows the whole area on a screen of about 1000 pixels.
    static func centerZoom(_ bounds: BoundingBox, zooms: ClosedRange<Int>) -> Int {
        let span = max(bounds.maxX - bounds.minX, (bounds.maxY - bounds.minY) * 1.5, 1e-6)
        let zoom = Int(log2(360 / span * 4).rounded(.down))
        return min(max(zoom, zooms.lowerBound), zooms.upperBound)
    }
}
