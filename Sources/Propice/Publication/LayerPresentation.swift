import PropiceGeometry

/// What a GIS shows of each published layer besides its features: its title, its style (from
/// the legend), its columns' French titles and descriptions. The GeoPackage, the QGIS project
/// and the print maps read it from here.
struct LayerPresentation {
    var title: String
    var symbology: LayerSymbology
    var columns: [GeoPackageColumn]

    init(_ layer: Layers.Layer, band: ZoomBand, legend: Legend, published: [PublishedEPCI], sources: [String: String]) {
        switch layer.kind {
        case .communes:
            title = "Communes (\(band.name))"
            symbology = .communes
            columns = LayerColumns.communes
        case .departements:
            title = "Départements (\(band.name))"
            symbology = .departements
            columns = LayerColumns.departements
        case .epci(let m):
            let model = legend.models[m]
            title = "\(model.title) — EPCI (\(band.name))"
            symbology = .classes(model)
            columns = LayerColumns.epci(indicators: published.first?.results[m].indicators ?? [], sources: sources,
                                        targets: published.first?.targets(of: model.model) ?? [])
        }
    }

    /// Each indicator's source, as a column's description names it: producer, title, vintage.
    static func indicatorSources(_ metadata: BuildMetadata) -> [String: String] {
        var sources: [String: String] = [:]
        for source in metadata.sources {
            let text = "\(source.producer), \(source.title) (\(source.vintage))" + (source.synthetic ? ", données synthétiques" : "")
            for indicator in source.indicators where sources[indicator] == nil { sources[indicator] = text }
        }
        return sources
    }

    /// The build's layers as GeoPackage layers: in the map CRS, multipolygons, titled,
    /// described, and styled for QGIS (QML) and other clients (SLD).
    static func geoPackageLayers(_ layers: Layers, geometry: MapGeometry, legend: Legend, published: [PublishedEPCI],
                                 metadata: BuildMetadata) -> [GeoPackageLayer] {
        let sources = indicatorSources(metadata)
        return layers.all.enumerated().map { k, layer in
            let band = geometry.bands[layer.band]
            let presentation = LayerPresentation(layer, band: band.band, legend: legend, published: published, sources: sources)
            let style = GeoPackageStyle(name: layer.name, qml: QMLDocument.style(presentation.symbology, columns: presentation.columns),
                                        sld: SLDDocument.style(presentation.symbology, layer: layer.name),
                                        description: "propice : \(presentation.title)")
            return GeoPackageLayer(name: layer.name, crs: band.mapTopology == nil ? .wgs84 : geometry.mapCRS ?? .wgs84,
                                   features: layer.attributes, geometries: .faces(band.mapTopology ?? band.topology, layer.arcs),
                                   sharesPreviousGeometries: k > 0 && Layers.drawSameShapes(layers.all[k - 1], layer), promoteToMulti: true,
                                   title: presentation.title, description: metadata.mapTitle, columns: presentation.columns, style: style)
        }
    }
}
