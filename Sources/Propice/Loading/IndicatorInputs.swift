import PropiceGeometry

/// Everything a configuration's indicators stand on: the territories of its COG, the source
/// catalogue, and every source read and brought to that COG.
public struct IndicatorInputs: Sendable {
    public let configuration: ProjectConfiguration
    public let territories: Territories
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
        let (territories, migration) = try inParallel({ try Territories(membership: configuration.membership) },
                                                      { try CommuneCodeMigration(passage: configuration.history) })
        self.territories = territories
        let loader = SourceLoader(territories: territories, migration: migration, cog: configuration.cog,
                                  dataFolder: configuration.data, communePolygons: configuration.communes)
        sources = try catalogue.sources.parallelMap { try loader.load($0) }
    }

    /// The EPCI studied: those with a commune in the configuration's région or départements,
    /// or all, by SIREN.
    public var epci: [Territories.EPCI] {
        if let region = configuration.region { return territories.epci(inRegion: region) }
        let all = territories.epci.values.sorted { $0.code < $1.code }
        guard let selection = configuration.departements else { return all }
        return all.filter { $0.departements.contains(where: selection.contains) }
    }

    /// The indicators aggregated to the EPCI studied.
    public func aggregated() -> EPCIIndicators {
        EPCIIndicators(sources: sources, catalogue: catalogue, territories: territories, epci: epci,
                       completenessWeight: configuration.completenessWeight)
    }
}
