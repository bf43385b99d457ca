import PropiceGeometry

/// What an EPCI's sheet compares its figures with: for every model indicator, the median of
/// the EPCI studied, the median of those of each département, and each EPCI's mid-rank
/// percentile among the EPCI studied (`Normalisation.midRanks`, as the models rank figures).
struct SheetStatistics: Sendable {
    /// Per model id and indicator id: the figures present, ascending, overall and by département.
    private let overall: [String: [String: [Double]]]
    private let byDepartement: [String: [String: [DepartementCode: [Double]]]]
    /// Per model id and indicator id, each EPCI's percentile (0 to 100) by SIREN.
    private let percentiles: [String: [String: [String: Double]]]

    init(records: [TerritoryRecord]) {
        var columns: [String: [String: [Double]]] = [:]
        var byDepartement: [String: [String: [DepartementCode: [Double]]]] = [:]
        for (k, record) in records.enumerated() {
            for result in record.results {
                for c in result.indicators {
                    let value = c.value.flatMap { $0.isFinite ? $0 : nil }
                    columns[result.model, default: [:]][c.id, default: Array(repeating: .nan, count: records.count)][k] = value ?? .nan
                    guard let value else { continue }
                    for d in record.departements { byDepartement[result.model, default: [:]][c.id, default: [:]][d, default: []].append(value) }
                }
            }
        }
        overall = columns.mapValues { $0.mapValues { $0.filter { !$0.isNaN }.sorted() } }
        self.byDepartement = byDepartement.mapValues { $0.mapValues { $0.mapValues { $0.sorted() } } }
        percentiles = columns.mapValues { byIndicator in
            byIndicator.mapValues { column in
                var byCode: [String: Double] = [:]
                for (k, p) in Normalisation.midRanks(column).enumerated() where !p.isNaN { byCode[records[k].code] = 100 * p }
                return byCode
            }
        }
    }

    /// The median of indicator `id` of `model` among all the EPCI studied.
    func median(model: String, indicator id: String) -> Double? { Self.median(overall[model]?[id] ?? []) }

    /// The median among the EPCI of these départements (one spanning several counts in each).
    func median(model: String, indicator id: String, departements: [DepartementCode]) -> Double? {
        guard let sets = byDepartement[model]?[id] else { return nil }
        if departements.count == 1 { return Self.median(sets[departements[0]] ?? []) }
        return Self.median(departements.flatMap { sets[$0] ?? [] }.sorted())
    }

    /// The percentile (0 to 100) of the figure of EPCI `code` among the EPCI studied; nil when it has none.
    func percentile(model: String, indicator id: String, code: String) -> Double? { percentiles[model]?[id]?[code] }

    private static func median(_ sorted: [Double]) -> Double? { sorted.isEmpty ? nil : Normalisation.quantile(sorted, 0.5) }
}
