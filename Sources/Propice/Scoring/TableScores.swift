import PropiceGeometry

/// A scoring table scored with given weights: every EPCI's outcome, score, class and rank,
/// without the contributions and sentences `ModelScores` adds on top. The one computation
/// behind the build's scores and `propice serve`'s answers to other weights.
public struct TableScores: Sendable {
    /// The weights applied, one per model indicator.
    public let weights: [Double]
    /// Per EPCI: scored, or why not.
    public let status: [EPCIScore.Status]
    /// Per EPCI, the mean of the indicators' completeness weighted by `weights`.
    public let completeness: [Double]
    /// Per EPCI, nil unless scored: the score (0 to 100), its class (1 is the highest), its
    /// rank (1 for the highest score) and mid-rank percentile.
    public let scores: [Double?]
    public let classes: [Int?]
    public let ranks: [Int?]
    public let percentiles: [Double?]
    /// The ascending class breaks of the scores.
    public let breaks: [Double]
    /// The rows that meet every constraint (the EPCI normalised together), and those scored.
    let pool: [Int]
    let scoredRows: [Int]
    /// Each indicator's normalised values, [indicator][row], NaN outside the pool.
    let normalised: [[Double]]

    /// Scores the table with `weights`: one per model indicator, at least one positive.
    public init(_ table: ScoringTable, weights: [Double]) {
        let model = table.model, rows = table.epci.indices, values = table.figures
        let total = weights.reduce(0, +)
        precondition(weights.count == model.indicators.count && total > 0, "one weight per indicator, at least one positive")
        self.weights = weights
        var status = table.constraintStatus
        let pool = rows.filter { status[$0] == nil }
        normalised = model.indicators.enumerated().map { i, indicator in
            var column = [Double](repeating: .nan, count: rows.count)
            let oriented = pool.map { indicator.direction.oriented(values[i][$0].value) }
            for (p, v) in zip(pool, indicator.normalisation.normalise(oriented)) { column[p] = v }
            return column
        }
        completeness = rows.map { row in
            var sum = 0.0
            for i in weights.indices where !values[i][row].value.isNaN { sum += weights[i] * values[i][row].completeness }
            return sum / total
        }
        var scores = [Double?](repeating: nil, count: rows.count), row = [Double](repeating: 0, count: weights.count)
        for r in pool {
            // Within rounding of the threshold counts as meeting it, whatever the weights' scale.
            if completeness[r] < model.missing.completeness - 1e-9 {
                status[r] = .insufficient(Self.completenessReason(table, row: r, completeness: completeness[r]))
                continue
            }
            for i in row.indices { row[i] = normalised[i][r] }
            if let score = model.aggregation.score(row, weights) {
                scores[r] = Self.settled(score)
                status[r] = .scored
            } else {
                status[r] = .insufficient("aucun indicateur du modèle n'est renseigné")
            }
        }
        let scoredRows = pool.filter { scores[$0] != nil }
        let scored = scoredRows.map { scores[$0] ?? 0 }
        let (ranked, ascending) = Ranking.ranked(scored)
        let breaks = model.classification.breaks(ascending: ascending)
        var classes = [Int?](repeating: nil, count: rows.count), ranks = classes
        var percentiles = [Double?](repeating: nil, count: rows.count)
        for (j, (r, p)) in zip(scoredRows, Ranking.percentiles(scored)).enumerated() {
            classes[r] = model.classification.classOf(scored[j], breaks: breaks)
            ranks[r] = ranked[j]
            percentiles[r] = p
        }
        self.status = status.map { $0 ?? .scored }
        self.scores = scores
        self.classes = classes
        self.ranks = ranks
        self.percentiles = percentiles
        self.breaks = breaks
        self.pool = pool
        self.scoredRows = scoredRows
    }

    /// How many EPCI were scored, short of data and excluded.
    public var counts: (scored: Int, insufficient: Int, excluded: Int) {
        status.reduce(into: (0, 0, 0)) { counts, status in
            switch status {
            case .scored: counts.0 += 1
            case .insufficient: counts.1 += 1
            case .excluded: counts.2 += 1
            }
        }
    }

    /// The label of the outcome of the EPCI at `row`: its class's, or the model's label of
    /// insufficient data or exclusion.
    public func label(_ row: Int, model: ScoringModel) -> String {
        switch status[row] {
        case .scored: classes[row].map { model.labels[$0 - 1] } ?? ""
        case .insufficient: model.insufficientLabel
        case .excluded: model.excludedLabel
        }
    }

    /// A score rounded to 1e-9, so that scores equal in exact arithmetic rank and class as
    /// ties whatever rounding the weights' scale brings.
    static func settled(_ score: Double) -> Double { (score * 1e9).rounded() / 1e9 }

    /// Why an EPCI's completeness is too low, naming its least complete indicators.
    private static func completenessReason(_ table: ScoringTable, row: Int, completeness: Double) -> String {
        let values = table.figures
        let gaps = values.indices.map { i in (i, values[i][row].value.isNaN ? 0 : values[i][row].completeness) }
            .filter { $0.1 < 1 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3)
        let named = gaps.map { i, c in "\(table.indicators[i].label) (\(c == 0 && values[i][row].value.isNaN ? "absent" : FrenchNumber.percent(c)))" }
        return "complétude pondérée de \(FrenchNumber.percent(completeness)), sous le seuil de \(FrenchNumber.percent(table.model.missing.completeness)) du modèle ; les moins complets : \(named.joined(separator: ", "))"
    }
}
