import Foundation
import PropiceGeometry

/// Everything the build publishes about one EPCI: who it is and its result for every model,
/// with French field names. `propice build` writes one per EPCI (`territoires/SIREN.json`);
/// `propice query` reads them back and prints them, as text or as this JSON
/// (`geodata/schemas/territoire.schema.json`).
public struct TerritoryRecord: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var nature: String
    public var departements: [DepartementCode]
    /// Its population, when the catalogue has a `population` indicator (the sheet shows it).
    public var population: Double?
    /// Whether the territory is the demo's, fictional.
    public var fictional: Bool
    /// The ids of the synthetic indicators behind any of the results.
    public var syntheticIndicators: [String]
    public var results: [ModelResult]
    /// Its part of each regional target, when the configuration names a targets file.
    public var targets: [TargetShare]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code = "code_epci", name = "nom_epci", nature = "nature_epci", departements, population
        case fictional = "fictif", syntheticIndicators = "indicateurs_synthetiques", results = "resultats", targets = "objectifs"
    }

    public init(epci: Territories.EPCI, population: Double? = nil, results: [ModelResult], targets: [TargetShare] = [], fictional: Bool) {
        code = epci.code.value
        name = epci.name
        nature = epci.nature.rawValue
        departements = epci.departements
        self.population = population
        self.fictional = fictional
        syntheticIndicators = Array(Set(results.flatMap { $0.indicators.filter(\.synthetic).map(\.id) })).sorted()
        self.results = results
        self.targets = targets
    }
}

/// One EPCI's result for one model, as published.
public struct ModelResult: Codable, Sendable, Equatable {
    public var model: String
    public var programme: String
    public var status: ScoreOutcome
    /// Why there is no score, in French.
    public var reason: String?
    /// Whether it meets every constraint of the model, and so is normalised with the others
    /// and scored whatever the weights, data permitting (`propice serve` scores again from this).
    public var meetsConstraints: Bool
    public var score: Double?
    public var classe: Int?
    public var classLabel: String
    public var rank: Int?
    public var scored: Int
    public var percentile: Double?
    public var completeness: Double
    /// The share (0 to 1) of the weight applied to the score that rests on synthetic inputs.
    public var syntheticShare: Double
    public var sensitivity: RankSensitivity?
    public var sentence: String
    public var indicators: [IndicatorContribution]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case model = "modele", programme, status = "statut", reason = "motif", meetsConstraints = "criteres_respectes", score, classe
        case classLabel = "classe_libelle", rank = "rang", scored = "sur", percentile, completeness = "completude"
        case syntheticShare = "part_synthetique"
        case sensitivity = "sensibilite", sentence = "explication", indicators = "indicateurs"
    }

    /// The published form of a model's result for one EPCI and of its rank sensitivity.
    public init(_ result: EPCIScore, meetsConstraints: Bool, sensitivity: RankSensitivity?, model: ScoringModel) {
        self.model = model.id
        programme = model.programme
        status = result.status.outcome
        reason = result.status.reason
        self.meetsConstraints = meetsConstraints
        score = result.score
        classe = result.classe
        classLabel = result.classLabel
        rank = result.rank
        scored = result.scored
        percentile = result.percentile
        completeness = result.completeness
        syntheticShare = result.syntheticShare
        self.sensitivity = sensitivity
        sentence = result.sentence
        indicators = result.contributions
    }
}

extension AnalysedScores {
    /// The published result of the EPCI at `row` of the figures.
    public func published(_ row: Int) -> ModelResult {
        ModelResult(scores.results[row], meetsConstraints: scores.table.constraintStatus[row] == nil, sensitivity: sensitivity[row], model: model)
    }
}

/// An EPCI's part of one regional target, as published (see `TargetAllocation.Share`).
public struct TargetShare: Codable, Sendable, Equatable {
    public var programme: String
    public var label: String
    public var unit: String
    public var method: String
    /// The need figure's id and value, the key, and the key's share of the région's.
    public var needIndicator: String
    public var need: Double?
    public var key: Double
    public var keyShare: Double
    public var lower: Int
    public var upper: Int?
    public var reason: String?
    public var departement: DepartementCode
    /// The cumulative part, and what was realised, by year.
    public var milestones: [String: Int]
    public var realised: [String: Int]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case programme, label = "libelle", unit = "unite", method = "methode", needIndicator = "besoin_indicateur", need = "besoin"
        case key = "cle", keyShare = "part_cle", lower = "plancher", upper = "plafond", reason = "motif", departement
        case milestones = "objectifs", realised = "realise"
    }

    public init(_ share: TargetAllocation.Share, of allocation: TargetAllocation) {
        let programme = allocation.programme
        self.programme = programme.id
        label = programme.label
        unit = programme.unit
        method = programme.method.rawValue
        needIndicator = programme.need
        need = share.need
        key = share.weight
        keyShare = share.keyShare ?? 0
        lower = share.lower
        upper = share.upper
        reason = share.reason
        departement = share.departement
        milestones = Dictionary(uniqueKeysWithValues: share.milestones.map { (String($0.key), $0.value) })
        realised = programme.realised == nil ? nil : Dictionary(uniqueKeysWithValues: share.realised.map { (String($0.key), $0.value) })
    }

    /// One line for the text report: the final part, the milestones, the key.
    public var sentence: String {
        let years = milestones.keys.sorted()
        var text = "\(label) : \(FrenchNumber.format(Double(milestones[years.last!]!), decimals: 0)) \(unit) en \(years.last!)"
        if years.count > 1 { text += " (jalons " + years.dropLast().map { "\($0) : \(milestones[$0]!)" }.joined(separator: ", ") + ")" }
        if let reason { return text + " — aucune part : \(reason)" }
        text += " — clé \(FrenchNumber.format(key, decimals: key < 10 ? 4 : 1)) (\(FrenchNumber.percent(keyShare)) de la région ; \(needIndicator) \(need.map { FrenchNumber.format($0, decimals: 0) } ?? "absent"))"
        if let realised, let year = realised.keys.sorted().last {
            text += " ; réalisé \(year) : \(realised[year]!) (écart \(realised[year]! - (milestones[year] ?? 0)))"
        }
        return text
    }
}
