import PropiceGeometry

/// The layers a build publishes, by band: communes, départements, and the EPCI once per model,
/// named alike in every format (see `LayerName`).
struct Layers {
    struct Layer {
        var name: String
        var band: Int
        var features: [Feature]
        var arcs: [TopologyFace]
    }

    let all: [Layer]

    /// The EPCI layer of a model also holds the parts of the targets split with its scores.
    init(geometry: MapGeometry, epci: [Territories.EPCI], models: [ScoringModel], results: [[String: ModelResult]],
         allocations: [TargetAllocation], fictional: Bool) {
        let territories = Dictionary(uniqueKeysWithValues: epci.map { ($0.code.value, $0) })
        let shares = allocations.map { allocation in (allocation, Dictionary(uniqueKeysWithValues: allocation.epci.map { ($0.code, $0) })) }
        var layers: [Layer] = []
        for (b, band) in geometry.bands.enumerated() {
            func layer(_ name: String, _ shapes: [MapGeometry.Shape], properties: (MapGeometry.Shape) -> Properties) -> Layer {
                Layer(name: name, band: b,
                      features: shapes.map { Feature(id: .string($0.code), properties: properties($0), geometry: $0.geometry) },
                      arcs: shapes.map(\.arcs))
            }
            layers.append(layer(LayerName.communes(band: band.band.name), band.communes) { $0.properties })
            layers.append(layer(LayerName.departements(band: band.band.name), band.departements) { $0.properties })
            for (model, byCode) in zip(models, results) {
                let targets = shares.filter { $0.0.programme.model == model.id }
                layers.append(layer(LayerName.epci(model: model.id, band: band.band.name), band.epci) { shape in
                    EPCILayerProperties.properties(byCode[shape.code]!, epci: territories[shape.code]!,
                                                   targets: targets.map { TargetShare($0.1[shape.code]!, of: $0.0) }, fictional: fictional)
                })
            }
        }
        all = layers
    }

    /// The layers as TopoJSON objects, referencing their band's arcs.
    var topoJSON: [TopoJSONLayer] {
        all.map { layer in
            TopoJSONLayer(name: layer.name, topology: layer.band, objects: zip(layer.features, layer.arcs).map {
                TopoJSONLayer.Object(id: $0.id, properties: $0.properties, arcs: $1)
            })
        }
    }
}
