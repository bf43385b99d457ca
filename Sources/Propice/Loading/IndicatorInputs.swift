import PropiceGeometry

/// Everything a configuration's indicators stand on: the territories of its COG, the source
/// catalogue, and every source read and brought to that COG.
public struct IndicatorInputs: Sendable {
    public let configuration: ProjectConfiguration
    public let territories: Territories
    /// What the configuration studies, in those territories.
    public let area: StudyArea
    public let catalogue: SourceCatalogue
    /// The sources read, in catalogue order.
    public let sources: [SourceData]

    /// Reads the COG tables, the catalogue and every source it declares, on every core.
    public init(configuration: ProjectConfiguration) throws {
        self.configuration = configuration
        let declared = try SourceCatalogue(folder: configuration.sources)
        catalogue = configuration.synthetic == .exclude ? try declared.withoutSynthetic() : declared
        if let weight = configuration.completenessWeight, catalogue.indicators[weight] == nil {
            throw InputError(file: configuration.sources, message: "completeness_weight: no source declares the indicator '\(weight)'")
        }
        let files = SourceFiles(dataFolder: configuration.data, communePolygons: configuration.communes)
        // The membership and history tables are read while the sources' tables are: a source's
        // table needs no territory, its rows do.
        let loading = BackgroundComputation { () throws -> SourceLoader in
            let (territories, migration) = try inParallel({ try Territories(membership: configuration.membership) },
                                                          { try CommuneCodeMigration(passage: configuration.history) })
            return SourceLoader(territories: territories, migration: migration, cog: configuration.cog, files: files)
        }
        // Each source is read on one core: the largest first, so that no core waits alone on a large one at the end.
        // An error of the membership or history tables comes before any of a source.
        sources = try catalogue.sources.parallelMap(heaviestFirst: files.sizeToRead) { source in
            let table = Result { try files.table(of: source) }
            return try loading.value().load(source, table: try table.get())
        }
        territories = try loading.value().territories
        area = StudyArea(region: configuration.region, departements: configuration.departements, territories: territories)
    }

    /// The same inputs with one source's data replaced (the source of the same id).
    public func replacing(_ data: SourceData) -> IndicatorInputs {
        IndicatorInputs(configuration: configuration, territories: territories, area: area, catalogue: catalogue,
                        sources: sources.map { $0.declaration.id == data.declaration.id ? data : $0 })
    }

    private init(configuration: ProjectConfiguration, territories: Territories, area: StudyArea, catalogue: SourceCatalogue,
                 sources: [SourceData]) {
        self.configuration = configuration
        self.territories = territories
        self.area = area
        self.catalogue = catalogue
        self.sources = sources
    }
}
