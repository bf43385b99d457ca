import Foundation
import PropiceGeometry

/// The formats a build writes for the web, in WGS 84: the GeoJSON layers, the TopoJSON, the
/// vector tiles and their style, the tables, the legend, the territory records and the map page.
/// `ProjectBuild` writes most (`write`) on one thread while the map CRS's formats are written on
/// another, then the rest (`writeOnEveryCore`).
struct WebFormats: Sendable {
    var layers: Layers
    var geometry: MapGeometry
    var legend: Legend
    var published: [PublishedEPCI]
    var metadata: BuildMetadata
    var scores: [AnalysedScores]
    var allocations: [TargetAllocation]
    var settings: BuildSettings
    /// Leaflet's folder, when the map page is among the formats.
    var leaflet: String?
    /// The configuration's path, that errors name.
    var configuration: String
    var fictional: Bool

    func write(to staged: StagedOutput) throws {
        let formats = Set(settings.formats)
        if formats.contains(.geojson) {
            for layer in layers.all {
                let writer = try GeoJSONWriter(path: try staged.path(layer.name + ".geojson"),
                                               options: GeoJSONWriterOptions(precision: settings.precision, name: layer.name))
                for feature in layer.features { try writer.write(feature) }
                try writer.finish()
            }
        }
        if formats.contains(.topojson) {
            try TopoJSONWriter.write(topologies: geometry.bands.map(\.topology), layers: layers.topoJSON, decimals: settings.precision,
                                     to: try staged.path("propice.topojson"))
        }
        if formats.contains(.csv) {
            try ScoresTable.write(scores, to: try staged.path("scores.csv"))
            for allocation in allocations {
                let names = AllocationTable.fileNames(allocation)
                try staged.write(Array(AllocationTable.epci(allocation).utf8), to: names.epci)
                try staged.write(Array(AllocationTable.departements(allocation).utf8), to: names.departements)
            }
        }
        try staged.write(try ProjectBuild.json(legend), to: "legend.json")
        if let leaflet {
            try MapPage.write(to: try staged.path("index.html"), title: metadata.mapTitle, notice: metadata.notice,
                              geometry: geometry, published: published, models: scores.count, legend: legend, precision: settings.precision)
            for (name, bytes) in try MapPage.leafletFiles(in: leaflet) { try staged.write(bytes, to: "leaflet/" + name) }
        }
    }

    /// The territory records and the tiles, whose work is spread over every core: not in `write`,
    /// since a worker of another parallel computation would run it alone.
    func writeOnEveryCore(progress: BuildProgress, to staged: StagedOutput) throws {
        try writeTerritories(to: staged)
        try writeTiles(progress: progress, to: staged)
    }

    /// `propice.pmtiles` and its MapLibre style, when the geometry kept what the tiles are drawn from.
    private func writeTiles(progress: BuildProgress, to staged: StagedOutput) throws {
        let settings = settings.tiles
        guard let source = geometry.tileSource else { return }
        var bounds = BoundingBox.empty
        for position in geometry.bands[0].topology.positions { bounds.include(position) }
        // The style first: an attribute it needs and the tiles leave out stops the build before any tile is cut.
        let tileLayers = try TileArchive.tileLayers(layers, settings: settings, metadata: metadata, configuration: configuration)
        try TileStyle.write(try TileStyle.make(tileLayers, legend: legend, settings: settings, metadata: metadata, configuration: configuration),
                            to: staged)
        try progress.measured("cutting the vector tiles") {
            try TileArchive.write(tileLayers, source: source, bounds: bounds, settings: settings, metadata: metadata,
                                  to: try staged.path("propice.pmtiles"))
        }
    }

    /// One record per EPCI (`territoires/SIREN.json`), their index (`territoires/index.json`)
    /// and, with the map page, one sheet per EPCI (`territoires/SIREN.html`).
    private func writeTerritories(to staged: StagedOutput) throws {
        let records = published.map { entry in
            TerritoryRecord(epci: entry.epci, population: entry.population, results: entry.results,
                            targets: entry.targets.map(\.share), fictional: fictional)
        }
        for (record, bytes) in zip(records, try records.parallelMap { try ProjectBuild.json($0) }) {
            try staged.write(bytes, to: "territoires/\(record.code).json")
        }
        let index = records.map { TerritoryIndex.Entry(code: $0.code, name: $0.name) }
        try staged.write(try ProjectBuild.json(TerritoryIndex(models: scores.map(\.model.id), epci: index)), to: "territoires/index.json")
        guard leaflet != nil else { return }
        let sheet = TerritorySheet(records: records, metadata: metadata, shapes: TerritorySheet.shapes(geometry, published: published))
        for record in records {
            try staged.write(Array(sheet.html(record, mapPage: TerritorySheet.mapPage).utf8), to: "territoires/\(record.code).html")
        }
    }
}
