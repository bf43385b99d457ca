import PropiceGeometry

/// What the withheld cells of a count hold together in each département, told by the
/// département's total (LOVAC's département file beside its commune file). A withheld cell
/// lies within its bounds [l, u]; the cells of a département add up to the total less the cells
/// shown, so their excess over their lower bounds adds up to D = total − shown − Σ l, clamped
/// to [0, W] where W = Σ (u − l). The withheld cells of one EPCI in that département, of widths
/// summing to w, then hold between Σ l + max(0, D − (W − w)) and Σ l + min(w, D), and
/// Σ l + D × w / W as a central estimate. With LOVAC's cells of 0 to 10, k of the K withheld
/// cells hold between max(0, D − 10 (K − k)) and min(10 k, D), and D k / K.
struct WithheldTotals {
    /// Per département: the excess D to share and the total width W of its withheld cells.
    private let remainders: [DepartementCode: (excess: Double, width: Double)]

    /// `column` holds the count per commune ordinal, `departements` each ordinal's département,
    /// `total` the département figure.
    init(column: [CellValue?], departements: [DepartementCode], total: (DepartementCode) -> CellValue?) {
        var shown: [DepartementCode: Double] = [:], lower: [DepartementCode: Double] = [:], width: [DepartementCode: Double] = [:]
        for (c, cell) in column.enumerated() {
            guard let cell, let upper = cell.upper else { continue }
            let departement = departements[c]
            if cell.isKnown {
                shown[departement, default: 0] += cell.lower
            } else {
                lower[departement, default: 0] += cell.lower
                width[departement, default: 0] += upper - cell.lower
            }
        }
        var remainders: [DepartementCode: (Double, Double)] = [:]
        for (departement, width) in width where width > 0 {
            guard let figure = total(departement), figure.isKnown else { continue }
            let excess = figure.lower - (shown[departement] ?? 0) - (lower[departement] ?? 0)
            remainders[departement] = (min(max(excess, 0), width), width)
        }
        self.remainders = remainders
    }

    /// Whether the département's withheld cells are bounded by its total.
    func bounds(_ departement: DepartementCode) -> Bool { remainders[departement] != nil }

    /// The central estimate and bounds of withheld cells of one département whose lower bounds
    /// add up to `lower` and whose widths add up to `width`.
    func share(lower: Double, width: Double, in departement: DepartementCode) -> (central: Double, lower: Double, upper: Double)? {
        guard let (excess, all) = remainders[departement] else { return nil }
        return (lower + excess * width / all, lower + max(0, excess - (all - width)), lower + min(width, excess))
    }
}
