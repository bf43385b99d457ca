import Propice
import PropiceGeometry

/// Reads a table as one of the demo catalogue's sources (variant modulo their count) with that
/// source's habits, against the demo's COG; or, for the last two variants, as INSEE's
/// commune → EPCI membership table and table of historical codes.
struct TableFuzzReader: FuzzReader {
    private let sources: [SourceDeclaration]
    private let territories: Territories
    private let migration: CommuneCodeMigration
    private let communePolygons: String

    init(repository: String) throws {
        let demo = try ProjectConfiguration.load(path: repository + "/geodata/demo.yaml")
        sources = try SourceCatalogue(folder: demo.sources).sources
        territories = try Territories(membership: demo.membership)
        migration = try CommuneCodeMigration(passage: demo.history)
        communePolygons = demo.communes!
    }

    func read(variant: UInt8, content: ArraySlice<UInt8>, scratch: FuzzScratch) throws -> String {
        switch Int(variant) % (sources.count + 2) {
        case sources.count:
            let read = try Territories(membership: try scratch.write(content, to: "communes-epci.csv"))
            return "membership: \(read.communes.count) communes, \(read.epci.count) EPCI"
        case sources.count + 1:
            let read = try CommuneCodeMigration(passage: try scratch.write(content, to: "passage.csv"))
            return "history: \(read.current.count) codes"
        case let i:
            let source = sources[i]
            _ = try scratch.write(content, to: "data/" + source.path)
            let loader = SourceLoader(territories: territories, migration: migration, cog: 2025,
                                      files: SourceFiles(dataFolder: scratch.folder + "/data", communePolygons: communePolygons))
            let data = try loader.load(source)
            return "\(source.id): \(data.report.rows) rows, \(data.codes.count) territories"
        }
    }
}
