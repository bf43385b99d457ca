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
    public var departements: [String]
    /// Whether the territory is the demo's, fictional.
    public var fictional: Bool
    /// The ids of the synthetic indicators behind any of the results.
    public var syntheticIndicators: [String]
    public var results: [ModelResult]

    enum CodingKeys: String, CodingKey {
        case code = "code_epci", name = "nom_epci", nature = "nature_epci", departements
        case fictional = "fictif", syntheticIndicators = "indicateurs_synthetiques", results = "resultats"
    }

    public init(epci: Territories.EPCI, results: [ModelResult], fictional: Bool) {
        code = epci.code.value
        name = epci.name
        nature = epci.nature.rawValue
        departements = epci.departements
        self.fictional = fictional
        syntheticIndicators = Array(Set(results.flatMap { $0.indicators.filter(\.synthetic).map(\.id) })).sorted()
        self.results = results
    }

    /// The result of each model as the scoring produced it, for the text reports.
    public var scores: [EPCIScore] {
        get throws {
            guard let code = EPCICode(code), let nature = EPCINature(code: nature) else {
                throw InputError(file: self.code, message: "not an EPCI record: SIREN '\(self.code)', nature '\(nature)'")
            }
            return results.map { $0.score(code: code, name: name, nature: nature) }
        }
    }

    /// The record as JSON: keys sorted, so that the same record gives the same bytes.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}

/// One EPCI's result for one model, as published.
public struct ModelResult: Codable, Sendable, Equatable {
    /// How an EPCI came out of a model: `note`, `donnees_insuffisantes` or `hors_criteres`.
    public enum Status: String, Codable, Sendable {
        case scored = "note", insufficient = "donnees_insuffisantes", excluded = "hors_criteres"
    }

    /// The sensitivity figures (see `RankSensitivity`).
    public struct Sensitivity: Codable, Sendable, Equatable {
        public var medianRank: Int
        public var rankLow: Int
        public var rankHigh: Int
        public var topClassProbability: Double
        public var draws: Int

        enum CodingKeys: String, CodingKey {
            case medianRank = "rang_median", rankLow = "rang_p05", rankHigh = "rang_p95"
            case topClassProbability = "proba_classe_1", draws = "tirages"
        }
    }

    /// One indicator's part (see `IndicatorContribution`).
    public struct Indicator: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        public var unit: String
        public var decimals: Int
        public var value: Double?
        public var lower: Double?
        public var upper: Double?
        public var normalised: Double?
        public var weight: Double
        public var appliedWeight: Double
        public var points: Double?
        public var completeness: Double
        public var estimated: Bool
        public var synthetic: Bool

        enum CodingKeys: String, CodingKey {
            case id, label = "libelle", unit = "unite", decimals = "decimales", value = "valeur"
            case lower = "borne_basse", upper = "borne_haute", normalised = "normalise", weight = "poids"
            case appliedWeight = "poids_applique", points, completeness = "completude", estimated = "estime"
            case synthetic = "synthetique"
        }
    }

    public var model: String
    public var programme: String
    public var status: Status
    /// Why there is no score, in French.
    public var reason: String?
    public var score: Double?
    public var classe: Int?
    public var classLabel: String
    public var rank: Int?
    public var scored: Int
    public var percentile: Double?
    public var completeness: Double
    public var sensitivity: Sensitivity?
    public var sentence: String
    public var indicators: [Indicator]

    enum CodingKeys: String, CodingKey {
        case model = "modele", programme, status = "statut", reason = "motif", score, classe
        case classLabel = "classe_libelle", rank = "rang", scored = "sur", percentile, completeness = "completude"
        case sensitivity = "sensibilite", sentence = "explication", indicators = "indicateurs"
    }

    public init(_ result: EPCIScore, model: ScoringModel) {
        self.model = model.id
        programme = model.programme
        switch result.status {
        case .scored: status = .scored
        case .insufficient(let why): (status, reason) = (.insufficient, why)
        case .excluded(let why): (status, reason) = (.excluded, why)
        }
        score = result.score
        classe = result.classe
        classLabel = result.classLabel
        rank = result.rank
        scored = result.scored
        percentile = result.percentile
        completeness = result.completeness
        sensitivity = result.sensitivity.map {
            Sensitivity(medianRank: $0.medianRank, rankLow: $0.rankLow, rankHigh: $0.rankHigh,
                        topClassProbability: $0.topClassProbability, draws: $0.draws)
        }
        sentence = result.sentence
        indicators = result.contributions.map {
            Indicator(id: $0.id, label: $0.label, unit: $0.unit, decimals: $0.decimals, value: $0.value, lower: $0.lower,
                      upper: $0.upper, normalised: $0.normalised, weight: $0.weight, appliedWeight: $0.appliedWeight,
                      points: $0.points, completeness: $0.completeness, estimated: $0.estimated, synthetic: $0.synthetic)
        }
    }

    /// The result as the scoring gave it.
    func score(code: EPCICode, name: String, nature: EPCINature) -> EPCIScore {
        let status: EPCIScore.Status = switch self.status {
        case .scored: .scored
        case .insufficient: .insufficient(reason ?? "")
        case .excluded: .excluded(reason ?? "")
        }
        return EPCIScore(
            code: code, name: name, nature: nature, status: status, score: score, classe: classe, classLabel: classLabel,
            rank: rank, scored: scored, percentile: percentile, completeness: completeness,
            contributions: indicators.map {
                IndicatorContribution(id: $0.id, label: $0.label, unit: $0.unit, decimals: $0.decimals, value: $0.value,
                                      lower: $0.lower, upper: $0.upper, normalised: $0.normalised, weight: $0.weight,
                                      appliedWeight: $0.appliedWeight, points: $0.points, completeness: $0.completeness,
                                      estimated: $0.estimated, synthetic: $0.synthetic)
            },
            sentence: sentence,
            sensitivity: sensitivity.map {
                RankSensitivity(medianRank: $0.medianRank, rankLow: $0.rankLow, rankHigh: $0.rankHigh,
                                topClassProbability: $0.topClassProbability, draws: $0.draws)
            })
    }
}
