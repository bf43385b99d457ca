import Foundation
import PropiceGeometry

/// The answer of `GET /api/v1/scores/{modele}?poids.<indicateur>=<w>`: a model scored again
/// with the weights given, every EPCI's score, class and rank beside its published rank, with
/// French field names.
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
        public var syntheticShare: Double
        public var sentence: String

        enum CodingKeys: String, CodingKey {
            case code = "code_epci", status = "statut", score, classe, classLabel = "classe_libelle", rank = "rang"
            case publishedRank = "rang_publie", rankChange = "evolution_rang", syntheticShare = "part_synthetique"
            case sentence = "explication"
        }
    }

    public var model: String
    public var programme: String
    /// The weights applied and the model's, by indicator id.
    public var weights: [String: Double]
    public var modelWeights: [String: Double]
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
        case model = "modele", programme, weights = "poids", modelWeights = "poids_modele", published = "poids_publies"
        case breaks = "seuils", scored = "notes", insufficient = "donnees_insuffisantes", excluded = "hors_criteres"
        case sensitivity = "sensibilite", notice = "avertissement", epci
    }

    /// What every answer says of the Monte Carlo.
    public static let sensitivityNotice = "non recalculée : les rangs médians, leurs intervalles de 5 à 95 % et les probabilités "
        + "de classe 1 ne valent que pour les poids publiés"

    public init(_ scores: ModelScores, published: [ModelResult], notice: String?) {
        let model = scores.model, ids = model.indicators.map(\.id)
        self.model = model.id
        programme = model.programme
        weights = Dictionary(uniqueKeysWithValues: zip(ids, scores.weights))
        modelWeights = Dictionary(uniqueKeysWithValues: zip(ids, model.indicators.map(\.weight)))
        self.published = scores.weights == model.indicators.map(\.weight)
        breaks = scores.breaks
        (scored, insufficient, excluded) = scores.counts
        sensitivity = Self.sensitivityNotice
        self.notice = notice
        epci = zip(scores.results, published).map { result, before in
            EPCI(code: result.code.value, status: result.status.outcome, score: result.score, classe: result.classe,
                 classLabel: result.classLabel, rank: result.rank, publishedRank: before.rank,
                 rankChange: result.rank.flatMap { now in before.rank.map { $0 - now } },
                 syntheticShare: result.syntheticShare, sentence: result.sentence)
        }
    }

    /// The answer's bytes: keys sorted, so that the same weights give the same bytes.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
