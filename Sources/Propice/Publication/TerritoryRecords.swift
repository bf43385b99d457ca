import PropiceGeometry

/// The territory records of a build: one per EPCI (`territoires/SIREN.json`) and their index
/// (`territoires/index.json`), which `propice query` and `propice serve` read. They need no
/// border: `ProjectBuild` writes them beside the geometry.
enum TerritoryRecords {
    /// Makes the records of `published` and writes them, on every core, with their index; returns
    /// them in `published`'s order (the sheets are drawn from them).
    static func write(_ published: [PublishedEPCI], models: [String], fictional: Bool, to staged: StagedOutput) throws -> [TerritoryRecord] {
        let records = published.map { entry in
            TerritoryRecord(epci: entry.epci, population: entry.population, results: entry.results,
                            targets: entry.targets.map(\.share), fictional: fictional)
        }
        _ = try records.parallelMap { record in try staged.write(try ProjectBuild.json(record), to: "territoires/\(record.code).json") }
        let index = records.map { TerritoryIndex.Entry(code: $0.code, name: $0.name) }
        try staged.write(try ProjectBuild.json(TerritoryIndex(models: models, epci: index)), to: "territoires/index.json")
        return records
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
