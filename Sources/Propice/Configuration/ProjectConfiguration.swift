import Foundation
import PropiceGeometry

/// A project's configuration (YAML): the territory, the COG files, the commune polygons and
/// the source catalogue. Relative paths are resolved against the configuration file's folder;
/// the data files named here and in the catalogue against `data`.
///
/// ```yaml
/// name: Occitanie
/// region: "76"
/// data: ../../shared/geodata
/// cog: 2025
/// membership: cog2025/communes-epci.csv
/// history: cog2025/passage-communes-historique.csv
/// communes: cog2025/communes-metro.l93.geojson
/// sources: sources
/// models: models
/// completeness_weight: menages
/// ```
public struct ProjectConfiguration: Sendable, Decodable {
    public var name: String
    /// The région whose EPCI are studied (those with at least one commune in it); nil for all.
    public var region: String?
    /// The folder of the data files, absolute once loaded.
    public var data: String
    /// The COG vintage of the membership table, the target of every migration.
    public var cog: Int
    /// INSEE's commune → EPCI table, and its table of historical codes.
    public var membership: String
    public var history: String
    /// The commune polygons that points are assigned to.
    public var communes: String?
    /// The source catalogue folder, absolute once loaded.
    public var sources: String
    /// The scoring models folder, absolute once loaded; `models` beside the file by default.
    public var models: String
    /// The commune indicator whose share measures completeness (households); nil to count communes.
    public var completenessWeight: String?

    enum CodingKeys: String, CodingKey {
        case name, region, data, cog, membership, history, communes, sources, models
        case completenessWeight = "completeness_weight"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        region = try c.decodeIfPresent(String.self, forKey: .region)
        data = try c.decode(String.self, forKey: .data)
        cog = try c.decode(Int.self, forKey: .cog)
        membership = try c.decode(String.self, forKey: .membership)
        history = try c.decode(String.self, forKey: .history)
        communes = try c.decodeIfPresent(String.self, forKey: .communes)
        sources = try c.decode(String.self, forKey: .sources)
        models = try c.decodeIfPresent(String.self, forKey: .models) ?? "models"
        completenessWeight = try c.decodeIfPresent(String.self, forKey: .completenessWeight)
    }

    /// Reads a configuration file and resolves its paths.
    public static func load(path: String) throws -> ProjectConfiguration {
        var configuration = try YAMLDocument.decode(ProjectConfiguration.self, path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        configuration.data = FilePath.resolve(configuration.data, against: folder)
        configuration.sources = FilePath.resolve(configuration.sources, against: folder)
        configuration.models = FilePath.resolve(configuration.models, against: folder)
        let data = configuration.data
        configuration.membership = FilePath.resolve(configuration.membership, against: data)
        configuration.history = FilePath.resolve(configuration.history, against: data)
        configuration.communes = configuration.communes.map { FilePath.resolve($0, against: data) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configuration.data, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(file: path, message: "data: the folder \(configuration.data) does not exist")
        }
        return configuration
    }
}
