import Foundation
import PropiceGeometry

/// `propice.pmtiles`: every layer of the build as vector tiles (MVT, gzip-compressed) in one
/// PMTiles archive. At each zoom level the communes' coverage (below the communes' levels, the
/// coarser coverage of the EPCI's parts: `MapGeometry.TileSource`) is simplified for the level's
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
        /// The kept properties' keys and values, which `tags` refer to.
        var table: VectorTile.PropertyTable
        /// Each feature's properties, by code, as tags of `table`.
        var tags: [String: [UInt32]]
        /// The kept properties' names and vector-tile types (`String`, `Number`, `Boolean`).
        var fields: [(name: String, type: String)]
    }

    /// One zoom level's features cut to its tiles, the tiles in the archive's order.
    struct CutLevel: Sendable {
        var zoom: Int
        var tiles: [TileKey: [[VectorTile.Feature]]]
        /// By tile identifier.
        var keys: [TileKey]
    }

    /// Writes the archive of the tiles' layers (`tileLayers`) at `path`. Each zoom level's
    /// tiles are encoded while the next level is generalised and cut.
    static func write(_ tileLayers: [TileLayer], source: MapGeometry.TileSource, bounds: BoundingBox, settings: TileSettings,
                      metadata: BuildMetadata, to path: String) throws {
        let writer = try PMTilesWriter(path: path)
        let latitude = (bounds.minY + bounds.maxY) / 2
        @Sendable func level(_ zoom: Int) throws -> CutLevel {
            let grid = TileGrid(zoom: zoom, extent: settings.extent)
            let layers = source.layers(atZoom: zoom)
            let topology = try layers.coverage.topology(on: grid, tolerance: settings.toleranceMetres(zoom: zoom, latitude: latitude))
            let drawn = tileLayers.map { zoom >= $0.minZoom ? $0 : nil }
            let tiles = cut(shapes(layers, topology: topology, drawn: drawn), layers: drawn, grid: grid, buffer: settings.buffer)
            // Each tile's identifier computed once.
            let keys = tiles.keys.map { (id: PMTilesTileID.id(zoom: zoom, x: $0.x, y: $0.y), key: $0) }.sorted { $0.id < $1.id }.map(\.key)
            return CutLevel(zoom: zoom, tiles: tiles, keys: keys)
        }
        var next: CutLevel? = try level(settings.zoom.lowerBound)
        while let current = next {
            let (following, encoded) = try inParallel({ current.zoom < settings.zoom.upperBound ? try level(current.zoom + 1) : nil },
                                                      { encode(current, layers: tileLayers, extent: settings.extent) })
            for (key, bytes) in zip(current.keys, encoded) { try writer.add(zoom: current.zoom, x: key.x, y: key.y, bytes: bytes) }
            next = following
        }
        let summary = PMTilesWriter.Summary(minZoom: settings.zoom.lowerBound, maxZoom: settings.zoom.upperBound,
                                            bounds: (bounds.minX, bounds.minY, bounds.maxX, bounds.maxY),
                                            centerZoom: centerZoom(bounds, zooms: settings.zoom))
        try writer.finish(metadata: try archiveMetadata(tileLayers, settings: settings, metadata: metadata), summary: summary)
    }

    struct TileKey: Hashable { var x: Int, y: Int }

    /// A level's tiles encoded and gzip-compressed, in its keys' order.
    static func encode(_ level: CutLevel, layers: [TileLayer], extent: Int) -> [[UInt8]] {
        level.keys.parallelMap { key in
            let tile = VectorTile(layers: layers.indices.map {
                VectorTile.Layer(name: layers[$0].name, extent: extent, table: layers[$0].table, features: level.tiles[key]?[$0] ?? [])
            })
            return tile.encoded().withUnsafeBytes { Deflater.compress($0, wrapper: .gzip, level: 6) }
        }
    }

    /// One shape to cut: its kind, code and polygons in the zoom's world units.
    typealias Shape = (kind: TileLayer.Shapes, code: String, polygons: [TilePolygon])

    /// The shapes the layers at this zoom (`drawn`) draw: the communes, the EPCI, the
    /// départements, in that order, each as polygons of the zoom's topology.
    static func shapes(_ source: MapGeometry.TileSource.Layers, topology: Topology, drawn: [TileLayer?]) -> [Shape] {
        let kinds = Set(drawn.compactMap { $0?.shapes })
        let communes = kinds.contains(.communes) ? Array(zip(source.communes.map(\.value), topology.faces)) : []
        let groups = (kinds.contains(.epci) ? source.epci : []).map { (TileLayer.Shapes.epci, $0.code, $0.arcs) }
            + (kinds.contains(.departements) ? source.departements : []).map { (TileLayer.Shapes.departements, $0.code, $0.arcs) }
        return communes.map { (TileLayer.Shapes.communes, $0.0, topology.tilePolygons(of: $0.1, edge: source.edge)) }
            + groups.map { ($0.0, $0.1, topology.tilePolygons(of: $0.2, edge: source.edge)) }
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
                    let geometry = VectorTile.packedGeometry(local)
                    for l in layersDrawing {
                        // Appended in place: the tile's features are never copied.
                        tiles[key, default: Array(repeating: [], count: layers.count)][l]
                            .append(VectorTile.Feature(id: shape.kind == .epci ? UInt64(shape.code) : nil,
                                                       tags: layers[l]?.tags[shape.code] ?? [], geometry: geometry))
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
            let known = Set(layer.attributes.flatMap(\.properties.names))
            if let unknown = kept.first(where: { !known.contains($0) }) {
                throw InputError(file: configuration, message: "build: tiles: attributes: '\(unknown)' is not a property of the layer \(name); "
                                 + "its properties are " + known.sorted().joined(separator: ", "))
            }
            var fields: [String: String] = [:]
            var table = VectorTile.PropertyTable(), tags: [String: [UInt32]] = [:]
            for feature in layer.attributes {
                guard case .string(let code) = feature.id else { continue }
                let pairs = kept.compactMap { name in feature.properties[name].map { (name, $0) } }
                for (name, value) in pairs { if let type = fieldType(value) { fields[name] = type } }
                tags[code] = table.tags(of: Properties(pairs))
            }
            let minZoom = shapes == .communes ? max(settings.communesMinZoom, settings.zoom.lowerBound) : settings.zoom.lowerBound
            return TileLayer(name: name, shapes: shapes, model: model, minZoom: minZoom, description: description, table: table, tags: tags,
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
