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
        return Withheld(chosen: chosen, bases: bases, lower: lower, width: width)
    }

    /// The figures of the indicators `withheld.chosen` with each withheld base figure drawn
    /// uniformly between its bounds by `generator(row)`, the EPCI at `row`'s own generator.
    func drawnValues(_ withheld: Withheld, _ generator: (Int) -> SeededGenerator) -> [[Double]] {
        var drawn = centralBase
        for row in epci.indices {
            var random = generator(row)
            for (k, b) in withheld.bases.enumerated() {
                let width = withheld.width[k][row]
                guard !width.isNaN else { continue }
                drawn[b][row] = withheld.lower[k][row] + width * random.uniform()
            }
        }
        return withheld.chosen.map { i in
            epci.indices.map { row in formulas[i].value(nature: epci[row].nature) { drawn[$0][row] } }
        }
    }
}
