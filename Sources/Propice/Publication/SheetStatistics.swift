import PropiceGeometry

/// What an EPCI's sheet compares its figures with: for every model indicator, the median of
/// the EPCI studied, the median of those of each département, and each EPCI's percentile.
struct SheetStatistics: Sendable {
    /// Per model id and indicator id: the figures present, ascending, overall and by département.
    private let overall: [String: [String: [Double]]]
    private let byDepartement: [String: [String: [DepartementCode: [Double]]]]

    init(records: [TerritoryRecord]) {
        var overall: [String: [String: [Double]]] = [:]
        var byDepartement: [String: [String: [DepartementCode: [Double]]]] = [:]
        for record in records {
            for result in record.results {
                for c in result.indicators {
                    guard let value = c.value, value.isFinite else { continue }
                    overall[result.model, default: [:]][c.id, default: []].append(value)
                    for d in record.departements { byDepartement[result.model, default: [:]][c.id, default: [:]][d, default: []].append(value) }
                }
            }
        }
        self.overall = overall.mapValues { $0.mapValues { $0.sorted() } }
        self.byDepartement = byDepartement.mapValues { $0.mapValues { $0.mapValues { $0.sorted() } } }
    }

    /// The median of indicator `id` of `model` among all the EPCI studied.
    func median(model: String, indicator id: String) -> Double? { Self.median(overall[model]?[id] ?? []) }

    /// The median among the EPCI of these départements (one spanning several counts in each).
    func median(model: String, indicator id: String, departements: [DepartementCode]) -> Double? {
        guard let sets = byDepartement[model]?[id] else { return nil }
        if departements.count == 1 { return Self.median(sets[departements[0]] ?? []) }
        return Self.median(departements.flatMap { sets[$0] ?? [] }.sorted())
    }

    /// The mid-rank percentile (0 to 100) of `value` among the figures of the EPCI studied.
    func percentile(model: String, indicator id: String, value: Double) -> Double? {
        guard let sorted = overall[model]?[id], !sorted.isEmpty else { return nil }
        guard sorted.count > 1 else { return 50 }
        let below = Double(sorted.partitioningIndex { $0 >= value }), notAbove = Double(sorted.partitioningIndex { $0 > value })
        let equal = notAbove - below
        return 100 * (below + max(equal - 1, 0) / 2) / Double(sorted.count - 1)
    }

    private static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `belongs`, the array being partitioned by it.
    fileprivate func partitioningIndex(where belongs: (Double) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
