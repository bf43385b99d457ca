import Foundation
import PropiceGeometry

/// The answer of `GET /api/v1/scores/{modele}?poids.<indicateur>=<w>`: a model scored again
/// with the weights given, every EPCI's outcome, score, class and rank beside its published
/// rank, with French field names. Explanations are not written again: they are the records'.
public struct RescoredModel: Encodable, Sendable {
    public struct EPCI: Encodable, Sendable {
        public var code: String
        public var status: ScoreOutcome
        public var score: Double?
        public var classe: Int?
        public var classLabel: String
        public var rank: Int?
        public var publishedRank: Int?
        /// Places gained against the published rank (positive: better ranked); nil unless
        /// ranked both times.
        public var rankChange: Int?
        public var completeness: Double
        /// Why there is no score, in French.
        public var reason: String?

        enum CodingKeys: String, CodingKey {
            case code = "code_epci", status = "statut", score, classe, classLabel = "classe_libelle", rank = "rang"
            case publishedRank = "rang_publie", rankChange = "evolution_rang", completeness = "completude", reason = "motif"
        }
    }

    /// One of the model's indicators with its weight.
    public struct Indicator: Encodable, Sendable {
        public var id: String
        public var label: String
        public var weight: Double
        public var modelWeight: Double

        enum CodingKeys: String, CodingKey { case id, label = "libelle", weight = "poids", modelWeight = "poids_modele" }
    }

    public var model: String
    public var programme: String
    /// The model's indicators in its order, with the weights applied and the model's.
    public var indicators: [Indicator]
    /// Whether the weights are the model's: then every figure is the published one.
    public var published: Bool
    public var breaks: [Double]
    public var scored: Int
    public var insufficient: Int
    public var excluded: Int
    /// What was not computed again.
    public var sensitivity: String
    /// The synthetic or fictional notice of the build, when one applies.
    public var notice: String?
    public var epci: [EPCI]

    enum CodingKeys: String, CodingKey {
        case model = "modele", programme, indicators = "indicateurs", published = "poids_publies"
        case breaks = "seuils", scored = "notes", insufficient = "donnees_insuffisantes", excluded = "hors_criteres"
        case sensitivity = "sensibilite", notice = "avertissement", epci
    }

    /// What every answer says of the Monte Carlo.
    public static let sensitivityNotice = "non recalculée : les rangs médians, leurs intervalles de 5 à 95 % et les probabilités "
        + "de classe 1 ne valent que pour les poids publiés"

    public init(_ scores: TableScores, of scoring: PublishedScoring, notice: String?) {
        let model = scoring.model
        self.model = model.id
        programme = model.programme
        indicators = zip(zip(scoring.table.indicators, model.indicators), scores.weights).map { pair, weight in
            Indicator(id: pair.0.id, label: pair.0.label, weight: weight, modelWeight: pair.1.weight)
        }
        published = scores.weights == model.indicators.map(\.weight)
        breaks = scores.breaks
        (scored, insufficient, excluded) = scores.counts
        sensitivity = Self.sensitivityNotice
        self.notice = notice
        epci = scoring.table.epci.indices.map { row in
            let status = scores.status[row], rank = scores.ranks[row], before = scoring.published[row].rank
            let label = switch status {
            case .scored: scores.classes[row].map { model.labels[$0 - 1] } ?? ""
            case .insufficient: model.insufficientLabel
            case .excluded: model.excludedLabel
            }
            return EPCI(code: scoring.table.epci[row].code.value, status: status.outcome, score: scores.scores[row], classe: scores.classes[row],
                        classLabel: label, rank: rank, publishedRank: before, rankChange: rank.flatMap { now in before.map { $0 - now } },
                        completeness: scores.completeness[row], reason: status.reason)
        }
    }

    /// The answer's bytes: keys sorted, so that the same weights give the same bytes.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
