import Foundation
import PropiceGeometry

/// `propice.qgz`, the QGIS project beside `propice.gpkg`: the most detailed band's layers,
/// styled as in the GeoPackage, grouped by programme, the département outlines on top and the
/// communes off, and a print layout per programme, so that a cartographer opens one file and prints.
enum QGISProjectFile {
    static func write(_ layers: Layers, geometry: MapGeometry, legend: Legend, published: [PublishedEPCI], metadata: BuildMetadata,
                      lastChange: String, to path: String) throws {
        guard let crs = geometry.mapCRS, let topology = geometry.bands.first?.mapTopology else { return }
        let sources = LayerPresentation.indicatorSources(metadata)
        let band = geometry.bands[0].band
        func mapLayer(_ layer: Layers.Layer, visible: Bool) -> QGISMapLayer {
            let presentation = LayerPresentation(layer, band: band, legend: legend, published: published, sources: sources)
            return QGISMapLayer(id: layer.name, title: presentation.title, symbology: presentation.symbology, columns: presentation.columns,
                                visible: visible, legendName: layer.kind == .departements ? "Départements" : layer.kind == .communes ? "Communes" : "Classes des EPCI")
        }
        let first = layers.all.filter { $0.band == 0 }
        let departements = first.filter { $0.kind == .departements }.map { mapLayer($0, visible: true) }
        let communes = first.filter { $0.kind == .communes }.map { mapLayer($0, visible: false) }
        var extent = BoundingBox.empty
        for p in topology.positions { extent.include(p) }
        let sourcesLine = PrintMaps.sourcesLine(metadata) + " Réalisation : propice \(metadata.software.version), "
            + PrintMaps.frenchDate(lastChange) + "."
        var groups: [QGISProjectDocument.Group] = [], layouts: [QGISLayout] = []
        for layer in first {
            guard case .epci(let m) = layer.kind else { continue }
            let model = legend.models[m]
            let epci = mapLayer(layer, visible: groups.isEmpty)
            groups.append(QGISProjectDocument.Group(name: model.programme, layers: [epci]))
            layouts.append(QGISLayout(name: model.programme, title: model.title,
                                      subtitle: "\(metadata.territory.name) — classes des EPCI",
                                      layers: departements + [epci], extent: extent, sources: sourcesLine, notice: metadata.notice,
                                      index: layouts.count + 1))
        }
        let document = QGISProjectDocument(title: metadata.mapTitle, crs: try QGISSpatialReference(crs), top: departements, groups: groups,
                                           bottom: communes, layouts: layouts, extent: extent)
        let date = ISO8601DateFormatter().date(from: String(lastChange.prefix(19)) + "Z") ?? Date(timeIntervalSince1970: 0)
        try ZipWriter.write([("propice.qgs", Array(document.text().utf8))], to: path, modificationDate: date)
    }
}
