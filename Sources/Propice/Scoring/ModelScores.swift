import PropiceGeometry

/// A model applied to every EPCI: constraints, normalisation over the EPCI that meet them,
/// the missing-data policy, scores, classes, ranks and explanations.
public struct ModelScores: Sendable {
    /// What the scores are computed from.
    public let table: ScoringTable
    /// The outcomes, scores, classes and ranks, with the weights applied.
    public let core: TableScores
    /// The figures the table was made from, when the build made it: the Monte Carlo draws
    /// the withheld figures between their bounds.
    let figures: ModelFigures?
    /// One result per EPCI, in the table's EPCI order.
    public let results: [EPCIScore]
    /// Each EPCI's position in `results`, by SIREN.
    private let rowOfCode: [EPCICode: Int]

    public var model: ScoringModel { table.model }
    /// The weights applied, one per model indicator: the model's, or those a request gave.
    public var weights: [Double] { core.weights }
    /// The ascending class breaks of the scores.
    public var breaks: [Double] { core.breaks }
    var pool: [Int] { core.pool }
    var scoredRows: [Int] { core.scoredRows }
    var normalised: [[Double]] { core.normalised }

    /// Scores every EPCI of the figures with the model's weights.
    public init(figures: ModelFigures) {
        self.init(table: figures.table, weights: nil, figures: figures)
    }

    /// Scores every EPCI of the table with `weights` (one per model indicator, at least one
    /// positive), or with the model's.
    public init(table: ScoringTable, weights: [Double]? = nil) {
        self.init(table: table, weights: weights, figures: nil)
    }

    private init(table: ScoringTable, weights chosen: [Double]?, figures: ModelFigures?) {
        self.table = table
        self.figures = figures
        let model = table.model, values = table.figures
        let core = TableScores(table, weights: chosen ?? model.indicators.map(\.weight))
        self.core = core
        let weights = core.weights, total = weights.reduce(0, +)
        // Which half of the EPCI normalised together each figure is in, for the sentences' words.
        let upperHalf = model.indicators.indices.map { i in
            var upper = [Bool](repeating: false, count: table.epci.count)
            for (p, v) in zip(core.pool, Normalisation.percentile.normalise(core.pool.map { values[i][$0].value })) { upper[p] = v >= 0.5 }
            return upper
        }
        results = table.epci.indices.map { row in
            let epci = table.epci[row], scored = core.scores[row] != nil
            let points = scored ? model.aggregation.score(values: core.normalised.map { $0[row] }, weights: weights)?.points : nil
            let present = values.indices.filter { !values[$0][row].value.isNaN }.reduce(0) { $0 + weights[$1] }
            let contributions = model.indicators.indices.map { i in
                let figure = values[i][row], description = table.indicators[i]
                func known(_ x: Double) -> Double? { x.isFinite ? x : nil }
                return IndicatorContribution(
                    id: description.id, label: description.label, unit: description.unit, decimals: model.indicators[i].decimals,
                    value: known(figure.value), lower: known(figure.lower), upper: known(figure.upper),
                    normalised: known(core.normalised[i][row]), weight: weights[i] / total,
                    appliedWeight: scored && !figure.value.isNaN ? weights[i] / present : 0,
                    points: points.flatMap { known($0[i]) }, completeness: figure.completeness,
                    estimated: figure.estimated, synthetic: description.synthetic)
            }
            var score = EPCIScore(code: epci.code, name: epci.name, nature: epci.nature, status: core.status[row],
                                  score: core.scores[row], classe: core.classes[row], classLabel: core.label(row, model: model), rank: core.ranks[row],
                                  scored: core.scoredRows.count, percentile: core.percentiles[row],
                                  completeness: core.completeness[row], contributions: contributions, sentence: "")
            Self.explain(&score, model: model, upperHalf: upperHalf.map { $0[row] })
            return score
        }
        rowOfCode = Dictionary(table.epci.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The result of the EPCI with this SIREN.
    public subscript(code: EPCICode) -> EPCIScore? { row(of: code).map { results[$0] } }

    /// The position of the EPCI with this SIREN in `results`.
    public func row(of code: EPCICode) -> Int? { rowOfCode[code] }

    /// How many EPCI were scored, short of data and excluded.
    public var counts: (scored: Int, insufficient: Int, excluded: Int) { core.counts }

    /// The scored EPCI, best first (ties in SIREN order).
    public var ranking: [EPCIScore] {
        results.filter { $0.score != nil }.sorted { ($0.rank!, $0.code) < ($1.rank!, $1.code) }
    }

    /// Fills in the sentence of a result.
    private static func explain(_ score: inout EPCIScore, model: ScoringModel, upperHalf: [Bool]) {
        switch score.status {
        case .scored: score.sentence = ExplanationSentence.scored(score.contributions, model: model, upperHalf: upperHalf)
        case .insufficient(let reason): score.sentence = ExplanationSentence.unscored(label: model.insufficientLabel, reason: reason)
        case .excluded(let reason): score.sentence = ExplanationSentence.unscored(label: model.excludedLabel, reason: reason)
        }
        score.sentence += ExplanationSentence.leftOut(model)
    }
}
