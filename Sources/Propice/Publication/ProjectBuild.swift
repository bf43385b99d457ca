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

        let progress = progress ?? BuildProgress(report: { _ in })
        // The sources' tables are let go once scored, and their pages given back: the peak of
        // the geometry's step then adds to what the scores keep, not to the sources' peak.
        let (scored, territories) = try Scored.read(configuration, progress: progress)
        FreedMemory.release()
        let area = scored.area, allocations = scored.allocations
        let staged = try StagedOutput(folder: folder, last: "metadata.json")
        // The sensitivity analyses, then the territory records, which need no border, run beside
        // the geometry, whose steps leave a core idle at times.
        let analyses = BackgroundComputation { [scored, configuration] () throws -> Analysed in
            let scores = progress.measured("the sensitivity analysis") { scored.scores.map { AnalysedScores($0) } }
            let published = try PublishedEPCI.join(area.epci, population: scored.population, scores: scores, allocations: allocations,
                                                   file: configuration.path)
            try TerritoryRecords.write(published, models: scores.map(\.model.id), fictional: configuration.fictional, to: staged)
            return Analysed(scores: scores, published: published)
        }
        // The membership table goes to the geometry, which lets it go once its communes are matched.
        let geometry: MapGeometry
        do {
            geometry = try MapGeometry(configuration: configuration, territories: consume territories, area: area, progress: progress)
        } catch {
            // Nothing more written to the staging folder once the error is out.
            _ = try? analyses.value()
            throw error
        }
        let analysed = try analyses.value()
        let scores = analysed.scores, published = analysed.published
        var metadata = scored.metadata
        metadata.describe(geometry)
        let legend = try Legend(scores.map(\.scores))

        let layers = try Layers(geometry: geometry, published: published, models: scores.map(\.model), fictional: configuration.fictional,
                                file: configuration.path)
        let web = WebFormats(layers: layers, geometry: geometry, legend: legend, published: published, metadata: metadata,
                             scores: scores, allocations: allocations, settings: settings, leaflet: leaflet,
                             configuration: configuration.path, fictional: configuration.fictional)
        let lastChange = FileTimestamp.modificationTime(of: configuration.communes ?? configuration.path)
        // The generalisation's freed pages given back before the writers fill the heap again.
        FreedMemory.release()
        // The files that each take one core, over every core, the longest (the GeoPackage and the
        // QGIS project) first; then the work that spreads over every core by itself.
        let jobs: [OutputJob] = [{ [metadata] in
            try writeMapFormats(layers, geometry: geometry, legend: legend, published: published, metadata: metadata, settings: settings,
                                lastChange: lastChange, to: staged)
        }] + web.jobs(to: staged)
        _ = try jobs.parallelMap { try $0() }
        try web.writeTiles(progress: progress, to: staged)
        try writePrintMaps(layers, geometry: geometry, legend: legend, metadata: metadata, settings: settings, lastChange: lastChange,
                           progress: progress, to: staged)
        progress.step("writing the layers")
        // The layers and the geometry, of no more use, freed beside the checksums and the commit.
        releaseInBackground((consume jobs, consume web, consume layers, consume geometry))

        do {
            metadata.outputs = try staged.checksums()
            let metadataJSON = try json(metadata)
            try staged.write(metadataJSON, to: "metadata.json")
            var files = metadata.outputs
            files["metadata.json"] = FileChecksum(of: metadataJSON)
            try staged.commit(stale: previousFiles(in: folder))
            return Result(folder: folder, files: files, epci: area.epci.count, models: scores.map(\.model.id))
        } catch {
            // The writers released in the background still hold the staging folder: removed
            // before the error goes out, not when they let it go.
            staged.abandon()
            throw error
        }
    }

    /// What runs beside the geometry gives: the scores with their sensitivity analysis, and the
    /// EPCI as published (their territory records written).
    private struct Analysed: Sendable {
        var scores: [AnalysedScores]
        var published: [PublishedEPCI]
    }

    /// The sources read, aggregated and scored with every model, and the targets' allocation.
    private struct Scored: Sendable {
        var scores: [ModelScores]
        var allocations: [TargetAllocation]
        var population: [EPCICode: Double]
        var metadata: BuildMetadata
        var area: StudyArea

        /// The sources scored, and the membership table they were read with.
        static func read(_ configuration: ProjectConfiguration, progress: BuildProgress) throws -> (Scored, Territories) {
            let inputs = try IndicatorInputs(configuration: configuration)
            return (try Scored(inputs, configuration: configuration, progress: progress), inputs.territories)
        }

        private init(_ inputs: IndicatorInputs, configuration: ProjectConfiguration, progress: BuildProgress) throws {
            let aggregates = try inputs.aggregated()
            let library = try ModelLibrary(folder: configuration.models, catalogue: inputs.catalogue)
            progress.step("reading and aggregating the sources")
            // Each model scored on its own core; the sensitivity analyses then share every core.
            let scores = try library.models.parallelMap {
                ModelScores(figures: try library.figures(of: $0, indicators: aggregates, catalogue: inputs.catalogue))
            }
            self.scores = scores
            progress.step("scoring")
            let targets = try configuration.targets.map { try TargetsFile.load(path: $0) }
            allocations = try targets.map { try TargetAllocation.programmes($0, inputs: inputs, indicators: aggregates, scores: scores) } ?? []
            metadata = try BuildMetadata(inputs: inputs, library: library, scores: scores, targets: targets)
            population = Dictionary(zip(aggregates.epci.map(\.code), aggregates.values["population"] ?? []).compactMap { code, aggregate in
                aggregate.value.map { (code, $0) }
            }, uniquingKeysWith: { first, _ in first })
            area = inputs.area
        }
    }

    /// The formats drawn in the map CRS but the print maps: the styled GeoPackage, the QGIS project.
    static func writeMapFormats(_ layers: Layers, geometry: MapGeometry, legend: Legend, published: [PublishedEPCI], metadata: BuildMetadata,
                                settings: BuildSettings, lastChange: String, to staged: StagedOutput) throws {
        let formats = Set(settings.formats)
        if formats.contains(.gpkg) {
            try staged.write("propice.gpkg") {
                try GeoPackageWriter.write(LayerPresentation.geoPackageLayers(layers, geometry: geometry, legend: legend, published: published,
                                                                              metadata: metadata),
                                           to: $0, lastChange: lastChange)
            }
        }
        if formats.contains(.qgis) {
            try staged.write("propice.qgz") {
                try QGISProjectFile.write(layers, geometry: geometry, legend: legend, published: published, metadata: metadata,
                                          lastChange: lastChange, to: $0)
            }
        }
    }

    /// The print maps, their pages drawn on every core.
    static func writePrintMaps(_ layers: Layers, geometry: MapGeometry, legend: Legend, metadata: BuildMetadata, settings: BuildSettings,
                               lastChange: String, progress: BuildProgress, to staged: StagedOutput) throws {
        let printFormats = settings.formats.filter(\.isPrinted)
        if !printFormats.isEmpty, let sheets = PrintMaps.sheets(layers, geometry: geometry, legend: legend) {
            try progress.measured("drawing the print maps") {
                try PrintMaps.write(sheets, metadata: metadata, formats: printFormats, dpi: settings.dpi, date: lastChange, path: staged.path)
            }
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
