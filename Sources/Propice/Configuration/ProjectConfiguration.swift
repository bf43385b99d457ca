import Foundation
import PropiceGeometry

/// A project's configuration (YAML): the territory, the COG files, the commune polygons, the
/// source catalogue, the models and what `propice build` writes. Relative paths are resolved
/// against the configuration file's folder; the data files named here and in the catalogue
/// against `data`.
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
/// build: {output: ../output/occitanie}
/// ```
public struct ProjectConfiguration: Sendable, Decodable {
    public var name: String
    /// The région whose EPCI are studied (those with at least one commune in it); nil for all.
    public var region: String?
    /// Or the départements whose EPCI are studied; `metropole` for every département but overseas.
    public var departements: DepartementSelection?
    /// The folder of the data files, absolute once loaded.
    public var data: String
    /// The COG vintage of the membership table, the target of every migration.
    public var cog: Int
    /// INSEE's commune → EPCI table, and its table of historical codes.
    public var membership: String
    public var history: String
    /// The commune polygons: the map's geometry, and what points are assigned to.
    public var communes: String?
    /// Their CRS when the file does not declare it.
    public var communesCRS: CRS?
    /// The property holding their INSEE code.
    public var communesCode: String
    /// The source catalogue folder, absolute once loaded.
    public var sources: String
    /// The scoring models folder, absolute once loaded; `models` beside the file by default.
    public var models: String
    /// The commune indicator whose share measures completeness (households); nil to count communes.
    public var completenessWeight: String?
    /// The regional targets and their keys (see `TargetsFile`), absolute once loaded.
    public var targets: String?
    /// Whether every input is fictional (the embedded demo): every output then says so.
    public var fictional: Bool
    /// Whether the catalogue's synthetic sources are read (`include`, the default) or left out
    /// (`exclude`: the indicators resting on them leave the models, which say so).
    public var synthetic: SyntheticInputs
    /// What `propice build` writes.
    public var build: BuildSettings
    /// The configuration file, as given to `load(path:)`.
    public private(set) var path = ""
    /// The configuration file's name without its extension.
    public var stem: String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, region, departements, data, cog, membership, history, communes, sources, models, targets, fictional, synthetic, build
        case communesCRS = "communes_crs", communesCode = "communes_code"
        case completenessWeight = "completeness_weight"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        region = try c.decodeIfPresent(String.self, forKey: .region)
        departements = try c.decodeIfPresent(DepartementSelection.self, forKey: .departements)
        if region != nil && departements != nil {
            throw DecodingError.dataCorruptedError(forKey: .departements, in: c, debugDescription: "give a region or départements, not both")
        }
        data = try c.decode(String.self, forKey: .data)
        cog = try c.decode(Int.self, forKey: .cog)
        membership = try c.decode(String.self, forKey: .membership)
        history = try c.decode(String.self, forKey: .history)
        communes = try c.decodeIfPresent(String.self, forKey: .communes)
        if let name = try c.decodeIfPresent(String.self, forKey: .communesCRS) {
            guard let crs = CRS(name: name) else {
                throw DecodingError.dataCorruptedError(forKey: .communesCRS, in: c, debugDescription: "'\(name)' is not a CRS name such as EPSG:2154")
            }
            communesCRS = crs
        }
        communesCode = try c.decodeIfPresent(String.self, forKey: .communesCode) ?? "insee_com"
        sources = try c.decode(String.self, forKey: .sources)
        models = try c.decodeIfPresent(String.self, forKey: .models) ?? "models"
        completenessWeight = try c.decodeIfPresent(String.self, forKey: .completenessWeight)
        targets = try c.decodeIfPresent(String.self, forKey: .targets)
        fictional = try c.decodeIfPresent(Bool.self, forKey: .fictional) ?? false
        synthetic = try c.decodeIfPresent(SyntheticInputs.self, forKey: .synthetic) ?? .include
        build = try c.decodeIfPresent(BuildSettings.self, forKey: .build) ?? BuildSettings()
    }

    /// Reads a configuration file and resolves its paths.
    public static func load(path: String) throws -> ProjectConfiguration {
        var configuration = try YAMLDocument.decode(ProjectConfiguration.self, path: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        configuration.data = FilePath.resolve(configuration.data, against: folder)
        configuration.sources = FilePath.resolve(configuration.sources, against: folder)
        configuration.models = FilePath.resolve(configuration.models, against: folder)
        configuration.targets = configuration.targets.map { FilePath.resolve($0, against: folder) }
        let data = configuration.data
        configuration.membership = FilePath.resolve(configuration.membership, against: data)
        configuration.history = FilePath.resolve(configuration.history, against: data)
        configuration.communes = configuration.communes.map { FilePath.resolve($0, against: data) }
        configuration.build.output = configuration.build.output.map { FilePath.resolve($0, against: folder) }
        configuration.path = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configuration.data, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(file: path, message: "data: the folder \(configuration.data) does not exist")
        }
        return configuration
    }
}

/// What a build does with the catalogue's synthetic sources.
public enum SyntheticInputs: String, Sendable, Decodable {
    /// They are read, and every figure they touch says so.
    case include
    /// They are left out, with the indicators that rest on them.
    case exclude
}

/// The départements a configuration studies: a list of codes, or `metropole` (all but overseas).
public enum DepartementSelection: Sendable, Decodable, Equatable {
    case metropolitan
    case codes([DepartementCode])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let word = try? c.decode(String.self) {
            guard word == "metropole" else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "a list of département codes, or metropole")
            }
            self = .metropolitan
        } else {
            self = .codes(try c.decode([DepartementCode].self))
        }
    }

    /// Whether the département is selected.
    public func contains(_ departement: DepartementCode) -> Bool {
        switch self {
        case .metropolitan: !departement.value.hasPrefix("97")
        case .codes(let codes): codes.contains(departement)
        }
    }
}
