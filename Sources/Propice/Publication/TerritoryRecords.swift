import PropiceGeometry

/// The territory records of a build: one per EPCI (`territoires/SIREN.json`) and their index
/// (`territoires/index.json`), which `propice query` and `propice serve` read. They need no
/// border: `ProjectBuild` writes them beside the geometry.
enum TerritoryRecords {
    /// The record of each EPCI of `published`, in its order.
    static func records(_ published: [PublishedEPCI], fictional: Bool) -> [TerritoryRecord] {
        published.map { entry in
            TerritoryRecord(epci: entry.epci, population: entry.population, results: entry.results,
                            targets: entry.targets.map(\.share), fictional: fictional)
        }
    }

    /// Writes the records of `published`, one after the other, and their index. They are let go
    /// once written: the sheets make them again, rather than the geometry's peak holding them.
    /// (Created from two threads, files in one folder wait on the folder's lock, spinning.)
    static func write(_ published: [PublishedEPCI], models: [String], fictional: Bool, to staged: StagedOutput) throws {
        let records = records(published, fictional: fictional)
        for record in records {
            let name = "territoires/\(record.code).json"
            let json: [UInt8]
            do { json = try record.json() } catch { throw OutputError(file: staged.folder + "/" + name, message: "\(error)") }
            try staged.write(json, to: name)
        }
        let index = records.map { TerritoryIndex.Entry(code: $0.code, name: $0.name) }
        try staged.write(try ProjectBuild.json(TerritoryIndex(models: models, epci: index)), to: "territoires/index.json")
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
