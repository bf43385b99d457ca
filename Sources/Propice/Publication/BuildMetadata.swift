import Foundation
import PropiceGeometry

/// `metadata.json`: what a build was made from and what it made, so that every figure on the
/// map can be traced: each input file with its vintage, rows and SHA-256, each model with its
/// file and parameters, the software's version, the synthetic inputs named, and every output
/// file with its size and SHA-256. Nothing in it depends on the clock or the machine.
public struct BuildMetadata: Codable, Sendable {
    public struct Software: Codable, Sendable { public var name: String, version: String }

    public struct Territory: Codable, Sendable {
        public var name: String
        public var region: String?
        public var departements: [String]
        public var cog: Int
        public var epci: Int
        public var communes: Int
        public var fictional: Bool

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name = "nom", region, departements, cog, epci, communes, fictional = "fictif"
        }
    }

    public struct InputFile: Codable, Sendable {
        public var role: String
        public var path: String
        public var checksum: FileChecksum

        enum CodingKeys: String, CodingKey, CaseIterable { case role, path = "fichier", checksum = "controle" }
    }

    public struct Source: Codable, Sendable {
        public var id: String
        public var title: String
        public var producer: String
        public var vintage: String
        public var licence: String?
        public var synthetic: Bool
        public var path: String
        /// The member of the zip archive, or the sheet of the workbook, read in `path`.
        public var part: String?
        public var checksum: FileChecksum
        public var rows: Int
        public var matched: Int
        public var masked: Int
        public var indicators: [String]

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, title = "titre", producer = "producteur", vintage = "millesime", licence, synthetic = "synthetique"
            case path = "fichier", part = "partie", checksum = "controle", rows = "lignes", matched = "territoires_apparies"
            case masked = "cellules_secretisees", indicators = "indicateurs"
        }
    }

    public struct Model: Codable, Sendable {
        public var id: String
        public var programme: String
        public var path: String
        public var checksum: FileChecksum
        /// The model's YAML, whole: every parameter as it was applied.
        public var definition: String
        public var breaks: [Double]
        public var scored: Int
        public var insufficient: Int
        public var excluded: Int
        /// The share (0 to 1) of the model's weights on synthetic inputs, and the largest share
        /// of the applied weight of one EPCI's score.
        public var syntheticShare: Double
        public var largestSyntheticShare: Double
        /// The indicators of the model's file that left it with the synthetic sources excluded.
        public var leftOut: [LeftOutIndicator]

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, programme, path = "fichier", checksum = "controle", definition, breaks = "seuils"
            case scored = "notes", insufficient = "donnees_insuffisantes", excluded = "hors_criteres"
            case syntheticShare = "part_synthetique", largestSyntheticShare = "part_synthetique_max"
            case leftOut = "indicateurs_retires"
        }
    }

    public struct Band: Codable, Sendable {
        public var name: String
        public var tolerance: Double
        public var zoom: [Int]
        public var inputVertices: Int
        public var outputVertices: Int

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name = "nom", tolerance = "tolerance_m", zoom, inputVertices = "sommets_entree", outputVertices = "sommets_sortie"
        }
    }

    public var software: Software
    public var territory: Territory
    public var inputs: [InputFile]
    public var sources: [Source]
    public var syntheticSources: [String]
    /// The catalogue's synthetic sources the configuration leaves out (`synthetic: exclude`).
    public var excludedSources: [String]
    public var models: [Model]
    public var bands: [Band]
    public var precision: Int
    /// Every other output of the build, by path in the output folder.
    public var outputs: [String: FileChecksum]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case software = "logiciel", territory = "territoire", inputs = "referentiels", sources, syntheticSources = "sources_synthetiques"
        case excludedSources = "sources_synthetiques_exclues"
        case models = "modeles", bands = "bandes", precision = "decimales", outputs = "fichiers"
    }

    /// The metadata of a build's inputs and scores; `describe(_:)` adds the geometry, and
    /// `outputs` is filled in once they are written.
    init(inputs: IndicatorInputs, library: ModelLibrary, scores: [ModelScores], targets: TargetsFile?) throws {
        let configuration = inputs.configuration
        func relative(_ path: String) -> String {
            let data = configuration.data.hasSuffix("/") ? configuration.data : configuration.data + "/"
            return path.hasPrefix(data) ? String(path.dropFirst(data.count)) : URL(fileURLWithPath: path).lastPathComponent
        }
        software = Software(name: "propice", version: PropiceVersion.current)
        let epci = inputs.area.epci
        territory = Territory(name: configuration.name, region: configuration.region, departements: [], cog: configuration.cog,
                              epci: epci.count, communes: 0, fictional: configuration.fictional)
        let files = [("communes", configuration.communes), ("appartenance", configuration.membership), ("historique", configuration.history),
                     ("objectifs", configuration.targets)]
            + (targets?.programmes ?? []).map { ("realise \($0.id)", $0.realised) }
        let sourcePaths = inputs.sources.map { FilePath.resolve($0.declaration.path, against: configuration.data) }
        let checksums = try Self.checksums(files.compactMap(\.1) + sourcePaths)
        func checksum(_ path: String) throws -> FileChecksum {
            guard let checksum = checksums[path] else { throw InputError(file: path, message: "cannot read the file") }
            return checksum
        }
        self.inputs = try files.compactMap { role, path in
            try path.map { InputFile(role: role, path: relative($0), checksum: try checksum($0)) }
        }
        sources = try zip(inputs.sources, sourcePaths).map { source, path in
            let declaration = source.declaration
            return Source(id: declaration.id, title: declaration.title, producer: declaration.producer, vintage: declaration.vintage,
                          licence: declaration.licence, synthetic: declaration.synthetic || configuration.fictional, path: relative(path),
                          part: declaration.member ?? declaration.sheet,
                          checksum: try checksum(path), rows: source.report.rows, matched: source.report.matched,
                          masked: source.report.masked, indicators: declaration.indicators.map(\.id))
        }
        syntheticSources = sources.filter(\.synthetic).map(\.id)
        excludedSources = inputs.catalogue.sourcesLeftOut.map(\.id)
        models = try scores.map { scores in
            let model = scores.model, path = library.files[model.id]!
            let counts = scores.counts
            let total = model.indicators.map(\.weight).reduce(0, +)
            let synthetic = zip(model.indicators, scores.table.indicators).reduce(0) { $0 + ($1.1.synthetic ? $1.0.weight : 0) }
            return Model(id: model.id, programme: model.programme, path: URL(fileURLWithPath: path).lastPathComponent,
                         checksum: try FileChecksum(path: path), definition: try String(contentsOfFile: path, encoding: .utf8),
                         breaks: scores.breaks, scored: counts.scored, insufficient: counts.insufficient, excluded: counts.excluded,
                         syntheticShare: total > 0 ? synthetic / total : 0,
                         largestSyntheticShare: scores.results.map(\.syntheticShare).max() ?? 0, leftOut: model.leftOut)
        }
        bands = []
        precision = configuration.build.precision
        outputs = [:]
    }

    /// The checksums of the input files, each read once, the largest first, on every core; the
    /// error of the first that cannot be read.
    private static func checksums(_ paths: [String]) throws -> [String: FileChecksum] {
        var seen = Set<String>()
        let distinct = paths.filter { seen.insert($0).inserted }
        let checksums = try distinct.parallelMap(heaviestFirst: { TextTable.sizeToRead(path: $0) }) { try FileChecksum(path: $0) }
        return Dictionary(uniqueKeysWithValues: zip(distinct, checksums))
    }

    /// The title of the build's map.
    public var mapTitle: String { "propice — \(territory.name)" }

    /// The notice a map shows when any input is fictional or synthetic.
    public var notice: String? {
        if territory.fictional {
            return "territoire et données entièrement fictifs (démonstration de propice) : aucune de ces figures ne décrit un territoire réel."
        }
        let synthetic = sources.filter(\.synthetic).map(\.title)
        let leftOut = models.flatMap(\.leftOut).map(\.id)
        if synthetic.isEmpty {
            guard !excludedSources.isEmpty else { return nil }
            return "les modèles sont réduits aux données réelles : les sources synthétiques (\(excludedSources.joined(separator: ", "))) sont exclues"
                + (leftOut.isEmpty ? "." : ", et avec elles les indicateurs " + Array(Set(leftOut)).sorted().joined(separator: ", ") + ".")
        }
        return "certaines données sont synthétiques (inventées dans la forme des fichiers officiels) : " + synthetic.joined(separator: " ; ")
            + ". Les scores qui en dépendent ne décrivent pas la réalité."
    }

    /// Adds the map's geometry: the communes and départements drawn, each band's vertices.
    mutating func describe(_ geometry: MapGeometry) {
        territory.departements = geometry.bands[0].departements.map(\.code.value)
        territory.communes = geometry.communeCount
        bands = geometry.bands.map {
            Band(name: $0.band.name, tolerance: $0.band.tolerance, zoom: [$0.band.zoom.lowerBound, $0.band.zoom.upperBound],
                 inputVertices: $0.report.inputVertices, outputVertices: $0.report.outputVertices)
        }
    }
}
