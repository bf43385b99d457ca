extension ModelFigures {
    /// The figures of the indicators `chosen` with each bounded base figure drawn uniformly
    /// between its bounds by `generator(row)`, the EPCI at `row`'s own generator.
    func drawnValues(of chosen: [Int], _ generator: (Int) -> SeededGenerator) -> [[Double]] {
        var drawn = centralBase
        let bases = Array(Set(chosen.flatMap { formulas[$0].bases })).sorted()
        for row in epci.indices {
            var random = generator(row)
            for b in bases {
                let a = base[b][row]
                guard a.value != nil, let lower = a.lower, let upper = a.upper, upper > lower else { continue }
                drawn[b][row] = lower + (upper - lower) * random.uniform()
            }
        }
        return chosen.map { i in
            epci.indices.map { row in formulas[i].value(nature: epci[row].nature) { drawn[$0][row] } }
        }
    }
}
