import Foundation
import PropiceGeometry

/// `propice build`: from a configuration's files to the layers its web maps and GIS projects
/// read. Reads and aggregates the sources, scores every EPCI with every model (with the
/// sensitivity analysis), builds the borders of every zoom band, and writes, in one folder:
///
/// - per model and band, the EPCI layer `epci_<model>_<band>.geojson` (RFC 7946, `id` = SIREN);
/// - per band, `communes_<band>.geojson` and `departements_<band>.geojson`, sharing its borders;
/// - `propice.topojson` with every layer, `scores.csv`;
/// - `propice.pmtiles`, the vector tiles of every layer (see `TileArchive`);
/// - in the map CRS: `propice.gpkg` (every layer, styled for QGIS), `propice.qgz` (the QGIS
///   project and its print layouts), `cartes/<model>.pdf`, `.svg` and `.png` (the print maps);
/// - `metadata.json`, `legend.json`, `territoires/` (one record per EPCI, for `propice query`);
/// - `index.html` and `leaflet/`, the interactive map.
///
/// Every file is staged and moved into place only once all are written (see `StagedOutput`).
public enum ProjectBuild {
    /// What a build wrote.
    public struct Result: Sendable {
        public var folder: String
        /// Every file written, by path in the folder, `metadata.json` included.
        public var files: [String: FileChecksum]
        public var epci: Int
        public var models: [String]
    }

    public static func run(configuration: ProjectConfiguration, output: String? = nil, progress: BuildProgress? = nil) throws -> Result {
        let settings = configuration.build
        let formats = Set(settings.formats)
        let leaflet = formats.contains(.html) ? try MapPage.leafletFolder() : nil
        let folder = output ?? settings.output ?? "output/\(configuration.stem)"

        // The sources' tables are let go once scored: the geometry's memory then reuses theirs.
        let (scores, allocations, territories, area, population, scoredMetadata) = try {
            let inputs = try IndicatorInputs(configuration: configuration)
            let aggregates = try inputs.aggregated()
            let library = try ModelLibrary(folder: configuration.models, catalogue: inputs.catalogue)
            progress?.step("reading and aggregating the sources")
            let scores = try library.models.map {
                ModelScores(figures: try library.figures(of: $0, indicators: aggregates, catalogue: inputs.catalogue))
            }
            let analysed = scores.map { AnalysedScores($0) }
            progress?.step("scoring, with the sensitivity analysis")
            let targets = try configuration.targets.map { try TargetsFile.load(path: $0) }
            let allocations = try targets.map { try TargetAllocation.programmes($0, inputs: inputs, indicators: aggregates, scores: scores) } ?? []
            let metadata = try BuildMetadata(inputs: inputs, library: library, scores: scores, targets: targets)
            let population = Dictionary(zip(aggregates.epci.map(\.code), aggregates.values["population"] ?? []).compactMap { code, aggregate in
                aggregate.value.map { (code, $0) }
            }, uniquingKeysWith: { first, _ in first })
            return (analysed, allocations, inputs.territories, inputs.area, population, metadata)
        }()
        var metadata = scoredMetadata
        let geometry = try MapGeometry(configuration: configuration, territories: territories, area: area, progress: progress)
        metadata.describe(geometry)
        let legend = try Legend(scores.map(\.scores))
        let published = try PublishedEPCI.join(area.epci, population: population, scores: scores, allocations: allocations, file: configuration.path)

        let staged = try StagedOutput(folder: folder)
        let layers = try Layers(geometry: geometry, published: published, models: scores.map(\.model), fictional: configuration.fictional,
                                file: configuration.path)
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
        try writeTiles(layers, geometry: geometry, legend: legend, settings: settings.tiles, metadata: metadata, configuration: configuration.path,
                       progress: progress, to: staged)
        try writeMapFormats(layers, geometry: geometry, legend: legend, published: published, metadata: metadata, settings: settings,
                            lastChange: FileTimestamp.modificationTime(of: configuration.communes ?? configuration.path), progress: progress,
                            to: staged)
        if formats.contains(.csv) {
            try ScoresTable.write(scores, to: try staged.path("scores.csv"))
            for allocation in allocations {
                let names = AllocationTable.fileNames(allocation)
                try staged.write(Array(AllocationTable.epci(allocation).utf8), to: names.epci)
                try staged.write(Array(AllocationTable.departements(allocation).utf8), to: names.departements)
            }
        }
        try staged.write(try json(legend), to: "legend.json")
        try writeTerritories(published, models: scores.map(\.model), fictional: configuration.fictional,
                             sheets: leaflet == nil ? nil : (metadata, TerritorySheet.shapes(geometry, published: published)), to: staged)
        if let leaflet {
            try MapPage.write(to: try staged.path("index.html"), title: metadata.mapTitle, notice: metadata.notice,
                              geometry: geometry, published: published, models: scores.count, legend: legend, precision: settings.precision)
            for (name, bytes) in try MapPage.leafletFiles(in: leaflet) { try staged.write(bytes, to: "leaflet/" + name) }
        }
        progress?.step("writing the layers")

        metadata.outputs = try staged.checksums()
        let metadataJSON = try json(metadata)
        try staged.write(metadataJSON, to: "metadata.json")
        var files = metadata.outputs
        files["metadata.json"] = FileChecksum(of: metadataJSON)
        try staged.commit(last: "metadata.json", stale: previousFiles(in: folder))
        return Result(folder: folder, files: files, epci: area.epci.count, models: scores.map(\.model.id))
    }

    /// `propice.pmtiles` and its MapLibre style, when the geometry kept what the tiles are drawn from.
    static func writeTiles(_ layers: Layers, geometry: MapGeometry, legend: Legend, settings: TileSettings, metadata: BuildMetadata,
                           configuration: String, progress: BuildProgress?, to staged: StagedOutput) throws {
        guard let source = geometry.tileSource else { return }
        var bounds = BoundingBox.empty
        for position in geometry.bands[0].topology.positions { bounds.include(position) }
        // The style first: an attribute it needs and the tiles leave out stops the build before any tile is cut.
        let tileLayers = try TileArchive.tileLayers(layers, settings: settings, metadata: metadata, configuration: configuration)
        try TileStyle.write(try TileStyle.make(tileLayers, legend: legend, settings: settings, metadata: metadata, configuration: configuration),
                            to: staged)
        try TileArchive.write(tileLayers, source: source, bounds: bounds, settings: settings, metadata: metadata,
                              to: try staged.path("propice.pmtiles"))
        progress?.step("cutting the vector tiles")
    }

    /// The formats drawn in the map CRS: the styled GeoPackage, the QGIS project, the print maps.
    static func writeMapFormats(_ layers: Layers, geometry: MapGeometry, legend: Legend, published: [PublishedEPCI], metadata: BuildMetadata,
                                settings: BuildSettings, lastChange: String, progress: BuildProgress?, to staged: StagedOutput) throws {
        let formats = Set(settings.formats)
        if formats.contains(.gpkg) {
            try GeoPackageWriter.write(LayerPresentation.geoPackageLayers(layers, geometry: geometry, legend: legend, published: published,
                                                                          metadata: metadata),
                                       to: try staged.path("propice.gpkg"), lastChange: lastChange)
        }
        if formats.contains(.qgis) {
            try QGISProjectFile.write(layers, geometry: geometry, legend: legend, published: published, metadata: metadata,
                                      lastChange: lastChange, to: try staged.path("propice.qgz"))
        }
        let printFormats = settings.formats.filter(\.isPrinted)
        if !printFormats.isEmpty, let sheets = PrintMaps.sheets(layers, geometry: geometry, legend: legend) {
            try PrintMaps.write(sheets, metadata: metadata, formats: printFormats, dpi: settings.dpi, date: lastChange, path: staged.path)
            progress?.step("drawing the print maps")
        }
    }

    /// One record per EPCI (`territoires/SIREN.json`), their index (`territoires/index.json`)
    /// and, with the map page, one sheet per EPCI (`territoires/SIREN.html`).
    static func writeTerritories(_ published: [PublishedEPCI], models: [ScoringModel], fictional: Bool,
                                 sheets: (metadata: BuildMetadata, shapes: [SheetMap.Shape])?, to staged: StagedOutput) throws {
        let records = published.map { entry in
            TerritoryRecord(epci: entry.epci, population: entry.population, results: entry.results,
                            targets: entry.targets.map(\.share), fictional: fictional)
        }
        for (record, bytes) in zip(records, try records.parallelMap { try json($0) }) {
            try staged.write(bytes, to: "territoires/\(record.code).json")
        }
        let index = records.map { TerritoryIndex.Entry(code: $0.code, name: $0.name) }
        try staged.write(try json(TerritoryIndex(models: models.map(\.id), epci: index)), to: "territoires/index.json")
        guard let sheets else { return }
        let sheet = TerritorySheet(records: records, metadata: sheets.metadata, shapes: sheets.shapes)
        for record in records {
            try staged.write(Array(sheet.html(record, mapPage: TerritorySheet.mapPage).utf8), to: "territoires/\(record.code).html")
        }
    }

    /// The files listed by the metadata of the build already in the folder, if any.
    static func previousFiles(in folder: String) -> [String] {
        struct Listed: Decodable { var fichiers: [String: FileChecksum] }
        guard let bytes = try? FileContents.read(folder + "/metadata.json"),
              let listed = try? JSONDecoder().decode(Listed.self, from: Data(bytes)) else { return [] }
        return Array(listed.fichiers.keys)
    }

    /// A published JSON file: keys sorted, so that the same content gives the same bytes.
    static func json(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [0x0A]
    }
}

/// The EPCI of a build, by SIREN and name (`territoires/index.json`), for `propice query`.
public struct TerritoryIndex: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var code: String
        public var name: String
        enum CodingKeys: String, CodingKey, CaseIterable { case code = "code_epci", name = "nom_epci" }
    }

    public var models: [String]
    public var epci: [Entry]
    enum CodingKeys: String, CodingKey, CaseIterable { case models = "modeles", epci }
}
