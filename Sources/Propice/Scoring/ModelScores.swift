import PropiceGeometry

/// A model applied to every EPCI: constraints, normalisation over the EPCI that meet them,
/// the missing-data policy, scores, classes, ranks and explanations.
public struct ModelScores: Sendable {
    /// What the scores are computed from.
    public let table: ScoringTable
    /// The weights applied, one per model indicator: the model's, or those a request gave.
    public let weights: [Double]
    /// The figures the table was made from, when the build made it: the Monte Carlo draws
    /// the withheld figures between their bounds.
    let figures: ModelFigures?
    /// One result per EPCI, in the table's EPCI order.
    public let results: [EPCIScore]
    /// The ascending class breaks of the scores.
    public let breaks: [Double]
    /// The rows that meet every constraint (the EPCI normalised together), and those scored.
    let pool: [Int]
    let scoredRows: [Int]
    /// Each indicator's normalised values, [indicator][row], NaN outside the pool.
    let normalised: [[Double]]
    /// Each EPCI's position in `results`, by SIREN.
    private let rowOfCode: [EPCICode: Int]

    public var model: ScoringModel { table.model }

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
        let model = table.model, rows = table.epci.indices, values = table.figures
        let weights = chosen ?? model.indicators.map(\.weight), total = weights.reduce(0, +)
        precondition(weights.count == model.indicators.count && total > 0, "one weight per indicator, at least one positive")
        self.weights = weights

        var status = table.constraintStatus
        let pool = rows.filter { status[$0] == nil }
        var normalised: [[Double]] = [], upperHalf: [[Bool]] = []
        for (i, indicator) in model.indicators.enumerated() {
            let raw = pool.map { values[i][$0].value }
            var column = [Double](repeating: .nan, count: rows.count), upper = [Bool](repeating: false, count: rows.count)
            for (p, v) in zip(pool, indicator.normalisation.normalise(raw.map(indicator.direction.oriented))) { column[p] = v }
            for (p, v) in zip(pool, Normalisation.percentile.normalise(raw)) { upper[p] = v >= 0.5 }
            normalised.append(column)
            upperHalf.append(upper)
        }
        let completeness = rows.map { row in
            zip(weights, values).reduce(0) { $0 + ($1.1[row].value.isNaN ? 0 : $1.0 * $1.1[row].completeness) } / total
        }
        var outcome: [Int: (score: Double, points: [Double])] = [:]
        for row in pool {
            // Within rounding of the threshold counts as meeting it, whatever the weights' scale.
            if completeness[row] < model.missing.completeness - 1e-9 {
                status[row] = .insufficient(Self.completenessReason(table, row: row, completeness: completeness[row]))
            } else if let result = model.aggregation.score(values: normalised.map { $0[row] }, weights: weights) {
                outcome[row] = (ModelScores.settled(result.score), result.points)
                status[row] = .scored
            } else {
                status[row] = .insufficient("aucun indicateur du modèle n'est renseigné")
            }
        }
        let scoredRows = pool.filter { outcome[$0] != nil }
        let scores = scoredRows.map { outcome[$0]!.score }
        let breaks = model.classification.breaks(scores)
        let ranks = Ranking.ranks(scores), percentiles = Ranking.percentiles(scores)
        let order = Dictionary(uniqueKeysWithValues: scoredRows.enumerated().map { ($1, $0) })

        results = rows.map { row in
            let epci = table.epci[row], result = outcome[row]
            let present = values.indices.filter { !values[$0][row].value.isNaN }.reduce(0) { $0 + weights[$1] }
            let contributions = model.indicators.indices.map { i in
                let figure = values[i][row], description = table.indicators[i]
                func known(_ x: Double) -> Double? { x.isFinite ? x : nil }
                return IndicatorContribution(
                    id: description.id, label: description.label, unit: description.unit, decimals: model.indicators[i].decimals,
                    value: known(figure.value), lower: known(figure.lower), upper: known(figure.upper),
                    normalised: known(normalised[i][row]), weight: weights[i] / total,
                    appliedWeight: result != nil && !figure.value.isNaN ? weights[i] / present : 0,
                    points: result.flatMap { known($0.points[i]) }, completeness: figure.completeness,
                    estimated: figure.estimated, synthetic: description.synthetic)
            }
            let score = EPCIScore(code: epci.code, name: epci.name, nature: epci.nature, status: status[row]!,
                                  score: nil, classe: nil, classLabel: "", rank: nil, scored: scoredRows.count, percentile: nil,
                                  completeness: completeness[row], contributions: contributions, sentence: "")
            return Self.finish(score, model: model, order: order[row], scores: scores, ranks: ranks, percentiles: percentiles,
                               breaks: breaks, upperHalf: upperHalf.map { $0[row] })
        }
        self.breaks = breaks
        self.pool = pool
        self.scoredRows = scoredRows
        self.normalised = normalised
        rowOfCode = Dictionary(table.epci.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A score rounded to 1e-9, so that scores equal in exact arithmetic rank and class as
    /// ties whatever rounding the weights' scale brings.
    static func settled(_ score: Double) -> Double { (score * 1e9).rounded() / 1e9 }

    /// The result of the EPCI with this SIREN.
    public subscript(code: EPCICode) -> EPCIScore? { row(of: code).map { results[$0] } }

    /// The position of the EPCI with this SIREN in `results`.
    public func row(of code: EPCICode) -> Int? { rowOfCode[code] }

    /// How many EPCI were scored, short of data and excluded.
    public var counts: (scored: Int, insufficient: Int, excluded: Int) {
        results.reduce(into: (0, 0, 0)) { counts, result in
            switch result.status {
            case .scored: counts.0 += 1
            case .insufficient: counts.1 += 1
            case .excluded: counts.2 += 1
            }
        }
    }

    /// The scored EPCI, best first (ties in SIREN order).
    public var ranking: [EPCIScore] {
        results.filter { $0.score != nil }.sorted { ($0.rank!, $0.code) < ($1.rank!, $1.code) }
    }

    /// Fills in the class, rank, percentile and sentence of a result.
    private static func finish(_ score: EPCIScore, model: ScoringModel, order: Int?, scores: [Double], ranks: [Int],
                               percentiles: [Double], breaks: [Double], upperHalf: [Bool]) -> EPCIScore {
        var score = score
        switch score.status {
        case .scored:
            let j = order!
            score.score = scores[j]
            score.classe = model.classification.classOf(scores[j], breaks: breaks)
            score.classLabel = model.labels[score.classe! - 1]
            score.rank = ranks[j]
            score.percentile = percentiles[j]
            score.sentence = ExplanationSentence.scored(score.contributions, model: model, upperHalf: upperHalf)
        case .insufficient(let reason):
            score.classLabel = model.insufficientLabel
            score.sentence = ExplanationSentence.unscored(label: model.insufficientLabel, reason: reason)
        case .excluded(let reason):
            score.classLabel = model.excludedLabel
            score.sentence = ExplanationSentence.unscored(label: model.excludedLabel, reason: reason)
        }
        score.sentence += ExplanationSentence.leftOut(model)
        return score
    }

    /// Why an EPCI's completeness is too low, naming its least complete indicators.
    private static func completenessReason(_ table: ScoringTable, row: Int, completeness: Double) -> String {
        let values = table.figures
        let gaps = values.indices.map { i in (i, values[i][row].value.isNaN ? 0 : values[i][row].completeness) }
            .filter { $0.1 < 1 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3)
        let named = gaps.map { i, c in "\(table.indicators[i].label) (\(c == 0 && values[i][row].value.isNaN ? "absent" : FrenchNumber.percent(c)))" }
        return "complétude pondérée de \(FrenchNumber.percent(completeness)), sous le seuil de \(FrenchNumber.percent(table.model.missing.completeness)) du modèle ; les moins complets : \(named.joined(separator: ", "))"
    }
}
