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
}

/// One EPCI's result for one model, as published.
public struct ModelResult: Codable, Sendable, Equatable {
    /// How an EPCI came out of a model: `note`, `donnees_insuffisantes` or `hors_criteres`.
    public enum Status: String, Codable, Sendable {
        case scored = "note", insufficient = "donnees_insuffisantes", excluded = "hors_criteres"
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
    public var sensitivity: RankSensitivity?
    public var sentence: String
    public var indicators: [IndicatorContribution]

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
        sensitivity = result.sensitivity
        sentence = result.sentence
        indicators = result.contributions
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
            contributions: indicators, sentence: sentence, sensitivity: sensitivity)
    }
}
