import PropiceGeometry

/// The figures a model reads for every EPCI: each of its indicators and constraints as a
/// formula over the catalogue's EPCI aggregates, with the labels, units and flags that
/// explanations show.
public struct ModelFigures: Sendable {
    /// What an indicator's figure is and where it comes from.
    public struct Description: Sendable, Equatable {
        public var id: String
        public var label: String
        public var unit: String
        /// Whether any source it reads is synthetic.
        public var synthetic: Bool
    }

    /// One figure for one EPCI.
    public struct Figure: Sendable, Equatable {
        /// NaN when missing.
        public var value: Double
        /// The bounds of the value (equal to it when every part is known; ±infinity unbounded).
        public var lower: Double
        public var upper: Double
        /// The least completeness of the catalogue figures it reads (1 for constants).
        public var completeness: Double
        /// Whether a figure it reads is an estimate spread from département figures.
        public var estimated: Bool
    }

    public let model: ScoringModel
    public let epci: [Territories.EPCI]
    /// The model's indicators, in its order; then the constraints' figures.
    public let indicators: [Description]
    public let constraints: [Description]
    let formulas: [Formula]
    let constraintFormulas: [Formula]
    /// The catalogue aggregates the formulas read, one column per catalogue indicator.
    let base: [[IndicatorAggregate]]
    /// The central values of `base`, NaN when missing.
    let centralBase: [[Double]]

    /// Compiles the model's references into formulas over the catalogue's aggregates. The
    /// model must have been checked against the catalogue (`ModelLibrary` does).
    public init(model: ScoringModel, indicators aggregates: EPCIIndicators, catalogue: SourceCatalogue) {
        self.model = model
        epci = aggregates.epci
        var compiler = Compiler(model: model, catalogue: catalogue)
        formulas = model.indicators.map { compiler.formula($0.id) }
        constraintFormulas = model.constraints.map { compiler.formula($0.indicator) }
        indicators = model.indicators.map { compiler.describe($0.id) }
        constraints = model.constraints.map { compiler.describe($0.indicator) }
        base = compiler.columns.map { aggregates.values[$0] ?? Array(repeating: .unknown, count: aggregates.epci.count) }
        centralBase = base.map { column in column.map { $0.value ?? .nan } }
    }

    /// An error, naming the model's `file`, when one of its indicators has no figure for any
    /// EPCI (a ratio over a figure that is zero everywhere) or a figure overflows (a ratio
    /// over a figure near zero): scores would rest on nothing, or on an infinite figure.
    func requireFigures(file: String) throws {
        guard !epci.isEmpty else { return }
        for (i, formula) in formulas.enumerated() {
            let values = epci.indices.map { figure(formula, row: $0).value }
            let id = model.indicators[i].id
            if let row = values.firstIndex(where: \.isInfinite) {
                throw InputError(file: file, message: "indicators[\(i)] (\(id)): the figure of \(epci[row].name) (\(epci[row].code)) overflows: larger than any figure can be")
            }
            guard values.allSatisfy(\.isNaN) else { continue }
            let reason = if case .ratio = formula { "its denominator is zero or missing in every EPCI" } else { "the figures it reads are missing in every EPCI" }
            throw InputError(file: file, message: "indicators[\(i)] (\(id)) has no figure for any of the \(epci.count) EPCI: \(reason)")
        }
    }

    /// The table the scores are computed from: every indicator's figures, and the EPCI that
    /// fail a constraint.
    public var table: ScoringTable {
        ScoringTable(model: model, epci: epci.map { ScoringTable.Territory(code: $0.code, name: $0.name, nature: $0.nature) },
                     indicators: indicators, figures: formulas.map { formula in epci.indices.map { figure(formula, row: $0) } },
                     constraintStatus: epci.indices.map(constraintStatus))
    }

    /// The first constraint the EPCI at `row` fails, or nil.
    private func constraintStatus(row: Int) -> EPCIScore.Status? {
        for (k, constraint) in model.constraints.enumerated() {
            let value = constraintFigure(k, row: row).value, description = constraints[k]
            func amount(_ x: Double) -> String { FrenchNumber.format(x, decimals: x.rounded() == x ? 0 : 1) + "\u{A0}" + description.unit }
            switch constraint {
            case .required:
                if value.isNaN { return .insufficient("\(description.label) : donnée absente, requise par le modèle") }
            case .bounds(_, let low, let high):
                if value.isNaN { return .insufficient("\(description.label) : donnée absente, nécessaire au critère du modèle") }
                if let low, value < low {
                    return .excluded("\(description.label) : \(amount(value)), sous le minimum de \(amount(low)) fixé par le modèle")
                }
                if let high, value > high {
                    return .excluded("\(description.label) : \(amount(value)), au-dessus du maximum de \(amount(high)) fixé par le modèle")
                }
            }
        }
        return nil
    }

    /// The figure of the model's indicator `i` for the EPCI at `row`.
    public func figure(_ i: Int, row: Int) -> Figure { figure(formulas[i], row: row) }

    /// The figure of the model's constraint `i` for the EPCI at `row`.
    public func constraintFigure(_ i: Int, row: Int) -> Figure { figure(constraintFormulas[i], row: row) }

    /// The model's indicators that read a figure withheld within bounds for some EPCI.
    var boundedIndicators: [Int] {
        let bounded = base.map { column in column.contains { $0.value != nil && $0.upper != nil && $0.lower != $0.upper } }
        return formulas.indices.filter { formulas[$0].bases.contains { bounded[$0] } }
    }

    private func figure(_ formula: Formula, row: Int) -> Figure {
        // The closures capture the columns alone: capturing `self` copied every field at each call.
        let nature = epci[row].nature, base = base
        let value = formula.value(nature: nature) { base[$0][row].value ?? .nan }
        let (lower, upper) = formula.interval(nature: nature) { b in
            let a = base[b][row]
            return (a.lower ?? .nan, a.value == nil ? .nan : a.upper ?? .infinity)
        }
        let parts = formula.bases.map { base[$0][row] }
        return Figure(value: value, lower: value.isNaN ? .nan : lower, upper: value.isNaN ? .nan : upper,
                      completeness: parts.map(\.completeness).min() ?? 1, estimated: parts.contains { $0.estimated })
    }

    /// Turns ids into formulas, collecting the catalogue columns they read.
    private struct Compiler {
        let model: ScoringModel
        let catalogue: [String: (source: SourceDeclaration, indicator: IndicatorDeclaration)]
        var columns: [String] = []

        init(model: ScoringModel, catalogue: SourceCatalogue) {
            self.model = model
            self.catalogue = catalogue.indicators
        }

        mutating func formula(_ id: String) -> Formula {
            if let constant = model.constants.first(where: { $0.id == id }) { return .constant(constant.value) }
            if let derived = model.derived.first(where: { $0.id == id }) {
                switch derived.rule {
                case .ratio(let a, let b, let scale): return .ratio(formula(a), formula(b), scale: scale)
                case .difference(let a, let b): return .difference(formula(a), formula(b))
                case .product(let a, let factor): return .product(formula(a), factor: factor)
                case .nature(let points): return .nature(points)
                }
            }
            if let i = columns.firstIndex(of: id) { return .base(i) }
            columns.append(id)
            return .base(columns.count - 1)
        }

        func describe(_ id: String) -> Description {
            if let constant = model.constants.first(where: { $0.id == id }) {
                return Description(id: id, label: constant.label, unit: constant.unit, synthetic: false)
            }
            if let derived = model.derived.first(where: { $0.id == id }) {
                let parts = derived.rule.references.map(describe)
                return Description(id: id, label: derived.label, unit: derived.unit, synthetic: parts.contains { $0.synthetic })
            }
            let (source, indicator) = catalogue[id]!
            return Description(id: id, label: indicator.label, unit: indicator.unit, synthetic: source.synthetic)
        }
    }
}
