import PropiceGeometry

/// The answer of `GET /api/v1/scores/{modele}?poids.<indicateur>=<w>`: a model scored again
/// with the weights given, every EPCI's outcome, score, class and rank beside its published
/// rank, with French field names. Explanations are not written again: they are the records'.
public struct RescoredModel: Sendable {
    public struct EPCI: Sendable {
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
        /// The share (0 to 1) of the weight applied to its score that rests on synthetic inputs
        /// (for an EPCI without a score, the share of the weights).
        public var syntheticShare: Double
        /// Why there is no score, in French.
        public var reason: String?

    }

    /// One of the model's indicators with its weight.
    public struct Indicator: Sendable {
        public var id: String
        public var label: String
        public var weight: Double
        public var modelWeight: Double

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
        let table = scoring.table, synthetic = table.indicators.map(\.synthetic)
        epci = table.epci.indices.map { row in
            // As EPCIScore.syntheticShare: the weights applied to a score, or the model's without one.
            let applied = scores.weights.indices.map { i in
                scores.scores[row] == nil || !table.figures[i][row].value.isNaN ? scores.weights[i] : 0
            }
            let status = scores.status[row], rank = scores.ranks[row], before = scoring.publishedRanks[row]
            return EPCI(code: scoring.table.epci[row].code.value, status: status.outcome, score: scores.scores[row], classe: scores.classes[row],
                        classLabel: scores.label(row, model: model), rank: rank, publishedRank: before, rankChange: rank.flatMap { now in before.map { $0 - now } },
                        completeness: scores.completeness[row], syntheticShare: EPCIScore.syntheticShare(weights: applied, synthetic: synthetic), reason: status.reason)
        }
    }

    /// The answer's bytes, written directly (a request's time goes into them): keys in
    /// alphabetical order, absent values as null, so that the same weights give the same bytes.
    public func json() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + 200 * epci.count)
        func key(_ name: String, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        func number(_ x: Double?) { if let x { JSONText.appendReal(x, to: &out) } else { out += Array("null".utf8) } }
        func integer(_ n: Int?) { if let n { JSONText.appendInteger(Int64(n), to: &out) } else { out += Array("null".utf8) } }
        func string(_ text: String?) { if let text { JSONText.appendString(text, to: &out) } else { out += Array("null".utf8) } }
        /// A JSON array of objects, each written by `body` after its opening brace.
        func objects<T>(_ items: [T], _ body: (T) -> Void) {
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                out += Array((k > 0 ? ",{" : "{").utf8)
                body(item)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "{"))
        key("avertissement", first: true); string(notice)
        key("donnees_insuffisantes"); integer(insufficient)
        key("epci")
        objects(epci) { e in
            key("classe", first: true); integer(e.classe)
            key("classe_libelle"); string(e.classLabel)
            key("code_epci"); string(e.code)
            key("completude"); number(e.completeness)
            key("evolution_rang"); integer(e.rankChange)
            key("motif"); string(e.reason)
            key("part_synthetique"); number(e.syntheticShare)
            key("rang"); integer(e.rank)
            key("rang_publie"); integer(e.publishedRank)
            key("score"); number(e.score)
            key("statut"); string(e.status.rawValue)
        }
        key("hors_criteres"); integer(excluded)
        key("indicateurs")
        objects(indicators) { i in
            key("id", first: true); string(i.id)
            key("libelle"); string(i.label)
            key("poids"); number(i.weight)
            key("poids_modele"); number(i.modelWeight)
        }
        key("modele"); string(model)
        key("notes"); integer(scored)
        key("poids_publies"); out += Array((published ? "true" : "false").utf8)
        key("programme"); string(programme)
        key("sensibilite"); string(sensitivity)
        key("seuils"); out.append(UInt8(ascii: "["))
        for (k, b) in breaks.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            number(b)
        }
        out += Array("]}\n".utf8)
        return out
    }
}
