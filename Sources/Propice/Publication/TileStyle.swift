import Foundation
import PropiceGeometry

/// `style.json`, the MapLibre GL style of `propice.pmtiles`, and its sprite: the legend's
/// classes and colours, the hatch of *données insuffisantes*, the outlines, and the producers
/// and the synthetic or fictional notice in the attribution (the archive's metadata lists each
/// source with its vintage).
enum TileStyle {
    /// The zoom level from which the style draws the communes' borders: below it, a région's
    /// thousands of communes blur into grey.
    static let communesMinZoom = 8

    /// The style of the tiles' `layers`; the archive and the sprite are named from
    /// `settings.url`, or relative to the style when it is nil. The EPCI layers' filters read
    /// properties the tiles must keep: one they leave out is an error naming `configuration`.
    static func make(_ layers: [TileArchive.TileLayer], legend: Legend, settings: TileSettings, metadata: BuildMetadata,
                     configuration: String) throws -> MapLibreStyle {
        guard let communes = layers.first(where: { $0.shapes == .communes }), let departements = layers.first(where: { $0.shapes == .departements }) else {
            throw InputError(file: configuration, message: "the tiles have no communes or départements layer")
        }
        var epci: [(layer: String, model: String, symbology: LayerSymbology)] = []
        for layer in layers where layer.shapes == .epci {
            guard let entry = legend.models.first(where: { $0.model == layer.model }) else { continue }
            let symbology = LayerSymbology.classes(entry)
            let kept = Set(layer.fields.map(\.name))
            if let missing = MapLibreStyle.filteredProperties(symbology).first(where: { !kept.contains($0) }) {
                throw InputError(file: configuration, message: "build: tiles: attributes: epci must keep '\(missing)': "
                                 + "style.json draws the EPCI's classes from it")
            }
            epci.append((layer.name, entry.model, symbology))
        }
        let base = settings.url ?? ""
        let source = MapLibreStyle.Source(url: "pmtiles://" + base + "propice.pmtiles", attribution: TileArchive.shortAttribution(metadata))
        return MapLibreStyle(name: metadata.mapTitle, notice: metadata.notice, source: source, sprite: base + "sprite", epci: epci,
                             communes: (communes.name, LayerSymbology.communes), communesMinZoom: max(communes.minZoom, communesMinZoom),
                             departements: (departements.name, LayerSymbology.departements))
    }

    /// Writes `style.json` and the sprite's files.
    static func write(_ style: MapLibreStyle, to staged: StagedOutput) throws {
        try staged.write(try style.encoded(), to: "style.json")
        for file in try HatchSprite.files() { try staged.write(file.bytes, to: file.name) }
    }
}
