/// What the withheld cells of a count hold together in each département, told by the
/// département's total (LOVAC's département file beside its commune file): the total less the
/// cells shown. Each withheld cell lies between 0 and the secrecy threshold − 1, and the cells of
/// a département add up to that remainder, so the k withheld cells of one EPCI in a
/// département of K hold between max(0, D − (K − k) × (threshold − 1)) and
/// min(k × (threshold − 1), D), and D × k / K as a central estimate.
struct WithheldTotals {
    /// Per département: the remainder D (clamped to what its withheld cells can hold) and the
    /// number K of withheld cells.
    private let remainders: [String: (remainder: Double, cells: Int)]
    /// The most one withheld cell can hold.
    let cellMaximum: Double

    /// `column` holds the count per commune ordinal, `departements` each ordinal's département,
    /// `total` the département figure.
    init(column: [CellValue?], departements: [String], cellMaximum: Double, total: (String) -> CellValue?) {
        var shown: [String: Double] = [:], withheld: [String: Int] = [:]
        for (c, cell) in column.enumerated() {
            guard let cell else { continue }
            if cell.isKnown { shown[departements[c], default: 0] += cell.lower } else { withheld[departements[c], default: 0] += 1 }
        }
        var remainders: [String: (Double, Int)] = [:]
        for (departement, count) in withheld {
            guard let figure = total(departement), figure.isKnown else { continue }
            let remainder = figure.lower - (shown[departement] ?? 0)
            remainders[departement] = (min(max(remainder, 0), Double(count) * cellMaximum), count)
        }
        self.remainders = remainders
        self.cellMaximum = cellMaximum
    }

    /// The bounds and central estimate of `cells` withheld cells of one département, nil when
    /// the département's total is unknown.
    func share(of cells: Int, in departement: String) -> (central: Double, lower: Double, upper: Double)? {
        guard cells > 0, let (remainder, all) = remainders[departement] else { return nil }
        let k = Double(cells)
        let lower = max(0, remainder - Double(all - cells) * cellMaximum)
        let upper = min(k * cellMaximum, remainder)
        return (remainder * k / Double(all), lower, upper)
    }
}
