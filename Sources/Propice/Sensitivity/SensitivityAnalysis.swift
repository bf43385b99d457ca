import PropiceGeometry

/// The Monte Carlo analysis of how firm the ranks of a model's scores are.
enum SensitivityAnalysis {
    /// Each result's rank sensitivity, in the order of `scores.results` (nil for an EPCI not
    /// scored, and for all with no draw): `draws` Monte Carlo draws of the weights from a
    /// Dirichlet distribution centred on the model's and, when the model says so, of every
    /// withheld figure uniformly between its bounds. Each draw normalises, scores, ranks and
    /// classes the EPCI again. Draws are seeded per draw and per SIREN, so the result depends
    /// on neither the thread count nor the EPCI's order.
    static func ranks(of scores: ModelScores, draws count: Int, seed: UInt64) -> [RankSensitivity?] {
        var sensitivity = [RankSensitivity?](repeating: nil, count: scores.results.count)
        guard count > 0, !scores.scoredRows.isEmpty else { return sensitivity }
        let run = MonteCarlo(scores: scores, seed: seed)
        let ranks = chunks(count, of: 32).parallelMap { range in
            var workspace = run.workspace()
            return range.map { run.draw($0, in: &workspace) }
        }.flatMap { $0 }
        for (row, s) in zip(scores.scoredRows, run.summary(ranks)) { sensitivity[row] = s }
        return sensitivity
    }
}

/// One model's Monte Carlo: what stays fixed across draws, and one draw.
private struct MonteCarlo: Sendable {
    let scores: ModelScores
    let seed: UInt64
    let shares: [Double]
    /// The withheld figures drawn, and the indicators that read them (none unless the model
    /// draws withheld figures).
    let withheld: ModelFigures.Withheld?
    let streams: [UInt64]
    /// Each indicator's central terms (`ScoreAggregation.term`) when they are not its
    /// normalised values (a geometric mean's logarithms): a draw computes again only those of
    /// the indicators it draws.
    let centralTerms: [[Double]]

    init(scores: ModelScores, seed: UInt64) {
        self.scores = scores
        self.seed = seed
        let total = scores.weights.reduce(0, +)
        shares = scores.weights.map { $0 / total }
        let drawn = scores.model.sensitivity.masked ? scores.figures?.boundedIndicators ?? [] : []
        withheld = drawn.isEmpty ? nil : scores.figures?.withheld(drawn)
        streams = scores.table.epci.map { SeededGenerator.stream($0.code.value) }
        let aggregation = scores.model.aggregation
        centralTerms = aggregation == .arithmetic ? [] : scores.normalised.map { $0.map(aggregation.term) }
    }

    /// Buffers a worker reuses from draw to draw: a draw then allocates only what it keeps (on
    /// the build's one malloc arena, each draw's dozen arrays of every EPCI queued the threads
    /// on its lock).
    struct Workspace {
        var sort = AscendingOrder.Workspace()
        /// The base figures, their withheld ones drawn again at each draw.
        var base: [[Double]]
        /// The figures of the indicators that read withheld ones.
        var figures: [[Double]]
        /// Every indicator normalised: the drawn indicators' columns written again at each draw.
        var normalised: [[Double]]
        /// The indicators' terms, when they are not their normalised values (`centralTerms`).
        var terms: [[Double]]
        var oriented: [Double] = [], column: [Double] = []
        /// The columns of the drawn indicators' formulas' parts.
        var formulaParts: [[Double]] = []
        /// Each scored EPCI's weights present and weighted terms, summed indicator by indicator.
        var totals: [Double] = [], sums: [Double] = []
        var scored: [Double] = [], ascending: [Double] = []
    }

    /// The buffers of a worker about to draw: the central figures and normalised columns.
    func workspace() -> Workspace {
        Workspace(base: scores.figures?.centralBase ?? [], figures: withheld.map { $0.chosen.map { _ in [] } } ?? [],
                  normalised: scores.normalised, terms: centralTerms)
    }

    /// The ranks of the scored EPCI in draw `d`, and whether each is in class 1.
    func draw(_ d: Int, in workspace: inout Workspace) -> Draw {
        let model = scores.model
        var weightGenerator = SeededGenerator(seed: seed, streams: UInt64(d), 0)
        let weights = model.sensitivity.concentration > 0
            ? weightGenerator.dirichlet(centredOn: shares, concentration: model.sensitivity.concentration) : shares
        if let withheld { normaliseDraw(d, withheld, in: &workspace) }
        score(weights, in: &workspace)
        // Ranks run from 1 to the number of EPCI, far below Int32's limit.
        var ranks: [Int32] = []
        Ranking.rank(workspace.scored, ranks: &ranks, ascending: &workspace.ascending, workspace: &workspace.sort)
        let breaks = model.classification.breaks(ascending: workspace.ascending)
        return Draw(ranks: ranks, top: workspace.scored.map { model.classification.classOf($0, breaks: breaks) == 1 })
    }

    /// Each scored EPCI's score into `workspace.scored`: what `ScoreAggregation.score` gives
    /// row by row, summed here indicator by indicator over every EPCI (each EPCI's sums take
    /// the indicators in the same order, so the same bits).
    private func score(_ weights: [Double], in workspace: inout Workspace) {
        let rows = scores.scoredRows, aggregation = scores.model.aggregation
        workspace.totals.removeAll(keepingCapacity: true)
        workspace.totals.append(contentsOf: repeatElement(0, count: rows.count))
        workspace.sums.removeAll(keepingCapacity: true)
        workspace.sums.append(contentsOf: repeatElement(0, count: rows.count))
        for i in workspace.normalised.indices {
            let weight = weights[i], values = workspace.normalised[i]
            let terms = workspace.terms.isEmpty ? values : workspace.terms[i]
            workspace.totals.withUnsafeMutableBufferPointer { totals in
                workspace.sums.withUnsafeMutableBufferPointer { sums in
                    for (k, row) in rows.enumerated() where !values[row].isNaN {
                        totals[k] += weight
                        sums[k] += weight * terms[row]
                    }
                }
            }
        }
        workspace.scored.removeAll(keepingCapacity: true)
        for k in rows.indices {
            workspace.scored.append(TableScores.settled(aggregation.score(sum: workspace.sums[k], total: workspace.totals[k]) ?? 0))
        }
    }

    /// One draw's ranks and top-class flags, in the order of `scores.scoredRows`: kept for
    /// every draw until the summary, hence ranks in 4 bytes (5 MiB for 1,000 draws of 1,232 EPCI).
    struct Draw: Sendable {
        var ranks: [Int32]
        var top: [Bool]
    }

    /// Every indicator normalised over the pool into `workspace.normalised`, after drawing the
    /// withheld figures of those that read some.
    private func normaliseDraw(_ d: Int, _ withheld: ModelFigures.Withheld, in workspace: inout Workspace) {
        guard let source = scores.figures else { return }
        source.drawnValues(withheld, base: &workspace.base, into: &workspace.figures, scratch: &workspace.formulaParts) { row in
            SeededGenerator(seed: seed, streams: UInt64(d), 1, streams[row])
        }
        let pool = scores.pool, aggregation = scores.model.aggregation
        for (k, i) in withheld.chosen.enumerated() {
            let indicator = scores.model.indicators[i], figures = workspace.figures[k]
            workspace.oriented.removeAll(keepingCapacity: true)
            for row in pool { workspace.oriented.append(indicator.direction.oriented(figures[row])) }
            indicator.normalisation.normalise(workspace.oriented, into: &workspace.column, workspace: &workspace.sort)
            let column = workspace.column
            workspace.normalised[i].withUnsafeMutableBufferPointer { normalised in
                for (row, v) in zip(pool, column) { normalised[row] = v }
            }
            if !workspace.terms.isEmpty {
                workspace.terms[i].withUnsafeMutableBufferPointer { terms in
                    for (row, v) in zip(pool, column) { terms[row] = aggregation.term(v) }
                }
            }
        }
    }

    /// Each scored EPCI's rank quantiles and top-class share over the draws, EPCI by EPCI on
    /// every core, read from the draws in place.
    func summary(_ draws: [Draw]) -> [RankSensitivity] {
        let count = draws.count, epci = scores.scoredRows.count
        return chunks(epci, of: 64).parallelMap { chunk in
            // Ranks run from 1 to the number of EPCI: counted, not sorted; each draw read once
            // per chunk of EPCI, its counts by EPCI of the chunk (a row of `epci + 1` each).
            var counts = [Int32](repeating: 0, count: chunk.count * (epci + 1))
            var tops = [Int](repeating: 0, count: chunk.count)
            for draw in draws {
                for (k, j) in chunk.enumerated() {
                    counts[k * (epci + 1) + Int(draw.ranks[j])] += 1
                    if draw.top[j] { tops[k] += 1 }
                }
            }
            return (0..<chunk.count).map { k in
                let row = counts[(k * (epci + 1))..<((k + 1) * (epci + 1))]
                // The rank of the draw at place ⌈q × draws⌉ (1-based) in ascending order.
                func quantile(_ q: Double) -> Int {
                    let place = max(Int((q * Double(count)).rounded(.up)), 1)
                    var below = 0
                    for (rank, n) in row.enumerated() {
                        below += Int(n)
                        if below >= place { return rank }
                    }
                    return epci
                }
                return RankSensitivity(medianRank: quantile(0.5), rankLow: quantile(0.05), rankHigh: quantile(0.95),
                                       topClassProbability: Double(tops[k]) / Double(count), draws: count)
            }
        }.flatMap { $0 }
    }
}

/// 0..<count cut into ranges of `size` (the last one shorter), for work shared among cores.
private func chunks(_ count: Int, of size: Int) -> [Range<Int>] {
    stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
}
