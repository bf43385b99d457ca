import PropiceGeometry

/// The catalogue's indicators aggregated to EPCI by each indicator's rule, every figure with
/// its bounds, completeness and estimate flag.
public struct EPCIIndicators: Sendable {
    /// The EPCI, by SIREN.
    public let epci: [Territories.EPCI]
    /// The indicator ids, in catalogue order.
    public let indicators: [String]
    /// Each indicator's aggregate per EPCI, in `epci` order.
    public let values: [String: [IndicatorAggregate]]
    /// Each EPCI's position in `epci`, by SIREN.
    private let rows: [EPCICode: Int]

    /// Aggregates the sources' values for the EPCI. The completeness of an EPCI's figure is the
    /// share of its households (the `completenessWeight` indicator) whose value is known, or
    /// the share of its communes when no weight is named.
    public init(sources: [SourceData], catalogue: SourceCatalogue, territories: Territories, epci: [Territories.EPCI],
                completenessWeight: String?) {
        let aggregator = Aggregator(sources: sources, catalogue: catalogue, territories: territories, completenessWeight: completenessWeight)
        self.epci = epci
        indicators = catalogue.sources.flatMap { $0.indicators.map(\.id) }
        let members = epci.map { aggregator.members($0) }
        let aggregates = indicators.parallelMap { id in
            // The rule found once per indicator, not copied out of the catalogue for every EPCI.
            guard let rule = aggregator.rule(of: id) else { return [IndicatorAggregate](repeating: .unknown, count: epci.count) }
            return epci.indices.map { aggregator.aggregate(id, rule: rule, epci: epci[$0].code, communes: members[$0]) }
        }
        values = Dictionary(zip(indicators, aggregates), uniquingKeysWith: { _, last in last })
        rows = Self.rows(of: epci)
    }

    /// Figures aggregated elsewhere: `values` holds each indicator's aggregate per EPCI, in
    /// `epci` order; indicators are listed in id order.
    public init(epci: [Territories.EPCI], values: [String: [IndicatorAggregate]]) {
        self.epci = epci
        indicators = values.keys.sorted()
        self.values = values
        rows = Self.rows(of: epci)
    }

    /// One indicator's aggregate for one EPCI.
    public subscript(indicator: String, epci code: EPCICode) -> IndicatorAggregate? {
        guard let row = rows[code] else { return nil }
        return values[indicator]?[row]
    }

    private static func rows(of epci: [Territories.EPCI]) -> [EPCICode: Int] {
        Dictionary(epci.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Computes aggregates from the sources' per-territory values. Commune values are laid out
/// once per indicator by commune ordinal, so an EPCI's figure reads arrays, not dictionaries.
private struct Aggregator: Sendable {
    let catalogue: [String: (source: SourceDeclaration, indicator: IndicatorDeclaration)]
    let data: [String: SourceData]
    /// Every commune's ordinal, and its département.
    let ordinal: [CommuneCode: Int]
    let departements: [DepartementCode]
    /// Each commune or point indicator's value per commune ordinal.
    let columns: [String: [CellValue?]]
    /// Each commune's weight in completeness shares.
    let weights: [Double]
    /// Each département's total of each spreading key.
    let keyTotals: [String: [DepartementCode: Double]]
    /// What the withheld cells of each département hold, for the counts that declare a total.
    let withheld: [String: WithheldTotals]

    init(sources: [SourceData], catalogue: SourceCatalogue, territories: Territories, completenessWeight: String?) {
        self.catalogue = catalogue.indicators
        let communes = territories.communes.keys.sorted()
        ordinal = Dictionary(uniqueKeysWithValues: communes.enumerated().map { ($1, $0) })
        departements = communes.map { territories.communes[$0]!.departement }
        var data: [String: SourceData] = [:], columns: [String: [CellValue?]] = [:]
        for source in sources {
            for id in source.values.keys { data[id] = source }
        }
        let sourceColumns = sources.parallelMap { source -> [(String, [CellValue?])] in
            guard [.commune, .points].contains(source.declaration.level) else { return [] }
            // A commune without a row is zero where the source says so, and for points.
            let absent: CellValue? = source.declaration.absent == .zero || source.declaration.level == .points ? .known(0) : nil
            let rows = source.positions(ofSorted: communes)
            return source.values.map { id, values in (id, rows.map { $0.map { values[$0] } ?? absent }) }
        }
        for (id, column) in sourceColumns.joined() { columns[id] = column }
        self.data = data
        self.columns = columns
        weights = completenessWeight.map { id in columns[id].map { $0.map { $0?.central ?? 0 } } ?? [] } ?? [Double](repeating: 1, count: communes.count)
        var keyTotals: [String: [DepartementCode: Double]] = [:]
        for case .spread(let key) in catalogue.sources.flatMap({ s in s.indicators.map { s.rule(of: $0) } }) where keyTotals[key] == nil {
            var totals: [DepartementCode: Double] = [:]
            for (i, value) in (columns[key] ?? []).enumerated() { totals[departements[i], default: 0] += value?.central ?? 0 }
            keyTotals[key] = totals
        }
        self.keyTotals = keyTotals
        var withheld: [String: WithheldTotals] = [:]
        for source in catalogue.sources {
            for indicator in source.indicators {
                guard let total = indicator.withheldTotal, let column = columns[indicator.id], let totals = data[total] else { continue }
                withheld[indicator.id] = WithheldTotals(column: column, departements: departements) { totals.value(total, for: .departement($0)) }
            }
        }
        self.withheld = withheld
    }

    /// The ordinals of an EPCI's communes.
    func members(_ epci: Territories.EPCI) -> [Int] { epci.communes.compactMap { ordinal[$0] } }

    /// How the catalogue aggregates an indicator; nil for an id it does not declare.
    func rule(of id: String) -> AggregationRule? {
        catalogue[id].map { $0.source.rule(of: $0.indicator) }
    }

    /// One indicator's aggregate for an EPCI whose communes have the ordinals `communes`.
    func aggregate(_ id: String, epci: EPCICode, communes: [Int]) -> IndicatorAggregate {
        guard let rule = rule(of: id) else { return .unknown }
        return aggregate(id, rule: rule, epci: epci, communes: communes)
    }

    /// One indicator's aggregate by its rule.
    func aggregate(_ id: String, rule: AggregationRule, epci: EPCICode, communes: [Int]) -> IndicatorAggregate {
        switch rule {
        case .sum: return sum(id, communes)
        case .mean(let weight): return mean(id, weight: weight, scale: 1, communes)
        case .share(let weight): return mean(id, weight: weight, scale: 100, communes)
        case .ratio(let numerator, let denominator, let scale):
            guard let top = columns[numerator], let bottom = columns[denominator] else {
                // Parts that are EPCI figures or estimates: the ratio of their aggregates.
                let a = aggregate(numerator, epci: epci, communes: communes), b = aggregate(denominator, epci: epci, communes: communes)
                return Self.divide(a, b, scale: scale, completeness: min(a.completeness, b.completeness), estimated: a.estimated || b.estimated)
            }
            return ratio(top, bottom, scale: scale, communes)
        case .spread(let key): return spread(id, key: key, communes)
        case .value:
            guard let cell = data[id]?.value(id, for: .epci(epci)) else { return .unknown }
            return IndicatorAggregate(value: cell.central, lower: cell.lower, upper: cell.upper, completeness: cell.isKnown ? 1 : 0, estimated: false)
        }
    }

    /// The completeness: the share of the weight of the communes whose value is known, or of
    /// their number when the communes weigh nothing.
    private func completeness(_ communes: [Int], known: (Int) -> Bool) -> Double {
        var total = 0.0, knownWeight = 0.0, knownCount = 0
        for c in communes {
            total += weights[c]
            if known(c) { knownWeight += weights[c]; knownCount += 1 }
        }
        return total > 0 ? knownWeight / total : Double(knownCount) / Double(max(communes.count, 1))
    }

    /// The total of the communes' counts; withheld cells within their bounds, or within what
    /// their département's total leaves them when the count declares one.
    private func sum(_ id: String, _ communes: [Int]) -> IndicatorAggregate {
        guard let column = columns[id] else { return .unknown }
        var total = Bounds()
        let withheld = withheld[id]
        var withheldCells: [DepartementCode: (lower: Double, width: Double)] = [:]
        for c in communes {
            if let withheld, let cell = column[c], !cell.isKnown, let upper = cell.upper, withheld.bounds(departements[c]) {
                withheldCells[departements[c], default: (0, 0)].lower += cell.lower
                withheldCells[departements[c], default: (0, 0)].width += upper - cell.lower
            } else {
                total.add(column[c])
            }
        }
        for (departement, cells) in withheldCells.sorted(by: { $0.key < $1.key }) {
            if let share = withheld?.share(lower: cells.lower, width: cells.width, in: departement) {
                total.add(central: share.central, lower: share.lower, upper: share.upper)
            }
        }
        return total.aggregate(completeness: completeness(communes) { column[$0]?.isKnown == true })
    }

    /// The mean of the communes' figures weighted by another indicator, times `scale`. A
    /// withheld figure without bounds (a median under secrecy) is left out. The completeness is
    /// the share of the weight (households, fiscal households…) whose figure is known, or of
    /// the configuration's completeness weight for an unweighted mean.
    private func mean(_ id: String, weight: String?, scale: Double, _ communes: [Int]) -> IndicatorAggregate {
        guard let column = columns[id] else { return .unknown }
        let weightColumn = weight.flatMap { columns[$0] }
        var weighted = Bounds(), weightSum = 0.0, covered = 0.0, knownWeight = 0.0
        for c in communes {
            let m = weightColumn.map { $0[c]?.central ?? 0 } ?? 1
            weightSum += m
            guard let value = column[c], value.upper != nil, m > 0 else { continue }
            weighted.add(value * m)
            covered += m
            if value.isKnown { knownWeight += m }
        }
        guard covered > 0 else { return .unknown }
        let share = weightColumn == nil ? completeness(communes) { column[$0]?.isKnown == true } : knownWeight / weightSum
        // Divided before it is scaled, so that a share of communes all in a category is exactly
        // 100 (x / x is 1; x × (100 / x) need not be 100) and ties with its equals.
        return (weighted / covered * scale).aggregate(completeness: share)
    }

    /// Σ numerator / Σ denominator over the communes that give both parts.
    private func ratio(_ top: [CellValue?], _ bottom: [CellValue?], scale: Double, _ communes: [Int]) -> IndicatorAggregate {
        var n = Bounds(), d = Bounds()
        for c in communes {
            guard let x = top[c], let y = bottom[c] else { continue }
            n.add(x)
            d.add(y)
        }
        let share = completeness(communes) { top[$0]?.isKnown == true && bottom[$0]?.isKnown == true }
        return Self.divide(n.aggregate(completeness: 0), d.aggregate(completeness: 0), scale: scale, completeness: share, estimated: false)
    }

    private static func divide(_ a: IndicatorAggregate, _ b: IndicatorAggregate, scale: Double, completeness: Double,
                               estimated: Bool) -> IndicatorAggregate {
        guard let x = a.value, let y = b.value, y > 0 else {
            return IndicatorAggregate(value: nil, lower: nil, upper: nil, completeness: completeness, estimated: estimated)
        }
        let lower = a.lower.map { low in b.upper.map { low / $0 * scale } ?? 0 }
        let upper: Double? = if let high = a.upper, let low = b.lower, low > 0 { high / low * scale } else { nil }
        return IndicatorAggregate(value: x / y * scale, lower: lower, upper: upper, completeness: completeness, estimated: estimated)
    }

    /// The département figures shared out to the EPCI's communes in proportion to the key.
    private func spread(_ id: String, key: String, _ communes: [Int]) -> IndicatorAggregate {
        guard let source = data[id], let totals = keyTotals[key], let keys = columns[key] else { return .unknown }
        var total = Bounds()
        var figures: [DepartementCode: CellValue?] = [:]
        func figure(_ departement: DepartementCode) -> CellValue? {
            if let known = figures[departement] { return known }
            let value = source.value(id, for: .departement(departement))
            figures[departement] = value
            return value
        }
        func share(_ c: Int) -> Double? {
            guard let k = keys[c]?.central, let departementTotal = totals[departements[c]], departementTotal > 0 else { return nil }
            return k / departementTotal
        }
        for c in communes {
            guard let figure = figure(departements[c]), let share = share(c) else { continue }
            total.add(figure * share)
        }
        var result = total.aggregate(completeness: completeness(communes) { figure(departements[$0])?.isKnown == true && share($0) != nil })
        result.estimated = true
        return result
    }
}

/// A running total of cells with its bounds.
private struct Bounds {
    var central = 0.0, lower = 0.0
    var upper: Double? = 0
    var present = false

    mutating func add(_ cell: CellValue?) {
        guard let cell else { upper = nil; return }
        present = true
        central += cell.central ?? cell.lower
        lower += cell.lower
        upper = upper.flatMap { u in cell.upper.map { u + $0 } }
    }

    /// Adds a part known only by its bounds and a central estimate.
    mutating func add(central part: Double, lower partLower: Double, upper partUpper: Double) {
        present = true
        central += part
        lower += partLower
        upper = upper.map { $0 + partUpper }
    }

    static func * (a: Bounds, factor: Double) -> Bounds {
        Bounds(central: a.central * factor, lower: a.lower * factor, upper: a.upper.map { $0 * factor }, present: a.present)
    }

    static func / (a: Bounds, divisor: Double) -> Bounds {
        Bounds(central: a.central / divisor, lower: a.lower / divisor, upper: a.upper.map { $0 / divisor }, present: a.present)
    }

    func aggregate(completeness: Double) -> IndicatorAggregate {
        guard present else { return IndicatorAggregate(value: nil, lower: nil, upper: nil, completeness: completeness, estimated: false) }
        return IndicatorAggregate(value: central, lower: lower, upper: upper, completeness: completeness, estimated: false)
    }
}
