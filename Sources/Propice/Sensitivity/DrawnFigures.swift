extension ModelFigures {
    /// The withheld figures of the bases that some indicators read, set out for drawing: per
    /// base, each EPCI's lower bound and the width of its interval (NaN for a figure not drawn:
    /// known, missing, or unbounded).
    struct Withheld: Sendable {
        /// The indicators whose figures are drawn.
        let chosen: [Int]
        /// The bases they read, in order.
        let bases: [Int]
        let lower: [[Double]]
        let width: [[Double]]
        /// Each EPCI's nature, which some formulas read.
        let natures: [EPCINature]
    }

    /// The withheld figures that the indicators `chosen` read.
    func withheld(_ chosen: [Int]) -> Withheld {
        let bases = Array(Set(chosen.flatMap { formulas[$0].bases })).sorted()
        let lower = bases.map { b in base[b].map { $0.lower ?? .nan } }
        let width = bases.map { b in
            base[b].map { a -> Double in
                guard a.value != nil, let lower = a.lower, let upper = a.upper, upper > lower else { return .nan }
                return upper - lower
            }
        }
        return Withheld(chosen: chosen, bases: bases, lower: lower, width: width, natures: epci.map(\.nature))
    }

    /// The figures of the indicators `withheld.chosen` into `figures` (one column each,
    /// replaced), with each withheld figure of `base` (the central figures, or those of an
    /// earlier draw) drawn uniformly between its bounds by `generator(row)`, the EPCI at `row`'s
    /// own generator. The same figures are drawn again each time: `base` keeps its others.
    /// `scratch` holds the columns the formulas' parts need, from call to call.
    func drawnValues(_ withheld: Withheld, base: inout [[Double]], into figures: inout [[Double]], scratch: inout [[Double]],
                     _ generator: (Int) -> SeededGenerator) {
        for row in epci.indices {
            var random = generator(row)
            for (k, b) in withheld.bases.enumerated() {
                let width = withheld.width[k][row]
                guard !width.isNaN else { continue }
                base[b][row] = withheld.lower[k][row] + width * random.uniform()
            }
        }
        for (k, i) in withheld.chosen.enumerated() {
            formulas[i].values(natures: withheld.natures, base: base, into: &figures[k], scratch: &scratch)
        }
    }
}
