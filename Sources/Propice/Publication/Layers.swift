import PropiceGeometry

/// The layers a build publishes, by band: communes, départements, and the EPCI once per model,
/// named alike in every format (see `LayerName`).
struct Layers {
    struct Layer {
        /// What a layer holds: its style and columns follow.
        enum Kind: Equatable { case communes, departements, epci(model: Int) }

        var name: String
        var kind: Kind
        var band: Int
        /// Each feature's id and properties, without its geometry: `feature(_:in:)` draws it
        /// from its arcs, so that the layers' geometries are never all in memory at once.
        var attributes: [Feature]
        var arcs: [TopologyFace]

        /// The features with their geometry in the map CRS when `band` has one, else in WGS 84.
        func features(in band: MapGeometry.Band) -> [Feature] {
            attributes.indices.map { feature($0, drawnFrom: band.mapTopology ?? band.topology) }
        }

        private func feature(_ index: Int, drawnFrom topology: Topology) -> Feature {
            var feature = attributes[index]
            feature.geometry = topology.geometry(of: arcs[index])
            return feature
        }
    }

    let all: [Layer]

    /// The EPCI layer of a model also holds the parts of the targets split with its scores.
    /// An error names an EPCI drawn on the map that has no published record.
    init(geometry: MapGeometry, published: [PublishedEPCI], models: [ScoringModel], fictional: Bool, file: String) throws {
        let records = Dictionary(published.map { ($0.epci.code, $0) }, uniquingKeysWith: { first, _ in first })
        // Each model's EPCI properties are the same in every band: made once, on every core, placed
        // by the layout of the model's first EPCI.
        let codes = Set(geometry.bands.flatMap { $0.epci.map(\.code) }).sorted()
        @Sendable func record(_ code: EPCICode) throws(InputError) -> PublishedEPCI {
            guard let record = records[code] else { throw InputError(file: file, message: "EPCI \(code) is on the map but was not scored") }
            return record
        }
        let layouts = try models.indices.map { m throws(InputError) in
            guard let first = codes.first else { return PropertyLayout([]) }
            let record = try record(first)
            return EPCILayerProperties.layout(record.results[m], epci: record.epci, targets: record.targets(of: models[m].id), fictional: fictional)
        }
        let made = try models.indices.flatMap { m in codes.map { (m, $0) } }.parallelMap { m, code throws(InputError) in
            let record = try record(code)
            return EPCILayerProperties.properties(record.results[m], epci: record.epci, targets: record.targets(of: models[m].id),
                                                  fictional: fictional, layout: layouts[m])
        }
        // A model's features have the same names: held once, not once per feature.
        let epciProperties = models.indices.map { m in
            let properties = made[m * codes.count..<(m + 1) * codes.count], names = properties.first?.names ?? []
            return Dictionary(uniqueKeysWithValues: zip(codes, properties.map { $0.sharingNames(names) }))
        }
        var layers: [Layer] = []
        for (b, band) in geometry.bands.enumerated() {
            func layer<Code>(_ name: String, _ kind: Layer.Kind, _ shapes: [MapGeometry.Shape<Code>],
                             properties: (MapGeometry.Shape<Code>) throws -> Properties) rethrows -> Layer {
                Layer(name: name, kind: kind, band: b,
                      attributes: try shapes.map { Feature(id: .string($0.code.description), properties: try properties($0), geometry: nil) },
                      arcs: shapes.map(\.arcs))
            }
            layers.append(layer(LayerName.communes(band: band.band.name), .communes, band.communes) { $0.properties })
            layers.append(layer(LayerName.departements(band: band.band.name), .departements, band.departements) { $0.properties })
            for (m, model) in models.enumerated() {
                layers.append(try layer(LayerName.epci(model: model.id, band: band.band.name), .epci(model: m), band.epci) { shape in
                    guard let properties = epciProperties[m][shape.code] else {
                        throw InputError(file: file, message: "EPCI \(shape.code) is on the map but was not scored")
                    }
                    return properties
                })
            }
        }
        all = layers
    }

    /// The layers grouped by the shapes they draw, in `all`'s order (see `drawSameShapes`).
    var sharingShapes: [[Layer]] {
        var groups: [[Layer]] = []
        for layer in all {
            if let last = groups.last?.last, Self.drawSameShapes(last, layer) { groups[groups.count - 1].append(layer) } else { groups.append([layer]) }
        }
        return groups
    }

    /// Whether two layers draw the same shapes in the same order: the EPCI layers of a band
    /// (one per model) do.
    static func drawSameShapes(_ a: Layer, _ b: Layer) -> Bool {
        guard a.band == b.band, case .epci = a.kind, case .epci = b.kind else { return false }
        return true
    }

    /// The layers as TopoJSON objects, referencing their band's arcs.
    var topoJSON: [TopoJSONLayer] {
        all.map { layer in
            TopoJSONLayer(name: layer.name, topology: layer.band, objects: zip(layer.attributes, layer.arcs).map {
                TopoJSONLayer.Object(id: $0.id, properties: $0.properties, arcs: $1)
            })
        }
    }
}
