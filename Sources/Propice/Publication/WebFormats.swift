import Foundation
import PropiceGeometry

/// The formats a build writes for the web, in WGS 84: the GeoJSON layers, the TopoJSON, the
/// vector tiles and their style, the tables, the legend, the territory sheets and the map page.
/// `ProjectBuild` runs most as independent jobs over every core (`jobs`), then the tiles, whose
/// work spreads over every core by itself (`writeTiles`).
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

    /// The files to write, one job each (the territory sheets a few jobs), the longest first:
    /// each job runs on one core, and any order gives the same files.
    func jobs(to staged: StagedOutput) -> [OutputJob] {
        let formats = Set(settings.formats)
        var jobs: [OutputJob] = []
        if formats.contains(.topojson) {
            jobs.append {
                try staged.write("propice.topojson") {
                    try TopoJSONWriter.write(topologies: geometry.bands.map(\.topology), layers: layers.topoJSON, decimals: settings.precision, to: $0)
                }
            }
        }
        jobs += sheetJobs(to: staged)
        if formats.contains(.geojson) {
            // The layers that draw the same shapes are written by one job, each shape drawn and encoded once.
            for group in layers.sharingShapes.sorted(by: { $0.count * $0[0].attributes.count > $1.count * $1[0].attributes.count }) {
                jobs.append { try writeGeoJSON(group, to: staged) }
            }
        }
        if formats.contains(.csv) {
            jobs.append {
                try staged.write("scores.csv") { try ScoresTable.write(scores, to: $0) }
                for allocation in allocations {
                    let names = AllocationTable.fileNames(allocation)
                    try staged.write(Array(AllocationTable.epci(allocation).utf8), to: names.epci)
                    try staged.write(Array(AllocationTable.departements(allocation).utf8), to: names.departements)
                }
            }
        }
        jobs.append { try staged.write(try ProjectBuild.json(legend), to: "legend.json") }
        if let leaflet {
            jobs.append {
                try staged.write("index.html") {
                    try MapPage.write(to: $0, title: metadata.mapTitle, notice: metadata.notice, geometry: geometry, published: published,
                                      models: scores.count, legend: legend, precision: settings.precision)
                }
                for (name, bytes) in try MapPage.leafletFiles(in: leaflet) { try staged.write(bytes, to: "leaflet/" + name) }
            }
        }
        return jobs
    }

    /// The GeoJSON files of `group`, layers that draw the same shapes of one band in the same
    /// order, in WGS 84.
    private func writeGeoJSON(_ group: [Layers.Layer], to staged: StagedOutput) throws {
        let writers = try group.map { layer in
            try GeoJSONWriter(path: try staged.path(layer.name + ".geojson"), options: GeoJSONWriterOptions(precision: settings.precision, name: layer.name))
        }
        let topology = geometry.bands[group[0].band].topology
        for (i, arcs) in group[0].arcs.enumerated() {
            let shape = writers[0].encode(topology.geometry(of: arcs))
            for (layer, writer) in zip(group, writers) { try writer.write(layer.attributes[i], geometry: shape) }
        }
        for writer in writers { try writer.finish() }
        for layer in group { try staged.recordChecksum(of: layer.name + ".geojson") }
    }

    /// `propice.pmtiles` and its MapLibre style, when the geometry kept what the tiles are drawn from.
    func writeTiles(progress: BuildProgress, to staged: StagedOutput) throws {
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

    /// With the map page, one sheet per EPCI (`territoires/SIREN.html`), a job per part of the
    /// EPCI. (Their records were written beside the geometry: `TerritoryRecords`.)
    private func sheetJobs(to staged: StagedOutput) -> [OutputJob] {
        guard leaflet != nil else { return [] }
        let records = TerritoryRecords.records(published, fictional: fictional)
        let sheet = TerritorySheet(records: records, metadata: metadata, shapes: TerritorySheet.shapes(geometry, published: published))
        let parts = 8
        return (0..<parts).map { part in
            {
                for record in records[records.count * part / parts..<records.count * (part + 1) / parts] {
                    try staged.write(Array(sheet.html(record, mapPage: TerritorySheet.mapPage).utf8), to: "territoires/\(record.code).html")
                }
            }
        }
    }
}

/// One file (or a few) of a build to write, on whichever core takes it.
typealias OutputJob = @Sendable () throws -> Void
