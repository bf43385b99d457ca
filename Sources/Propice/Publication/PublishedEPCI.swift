import PropiceGeometry

/// Everything a build publishes about one EPCI studied, joined once by SIREN: the territory,
/// each model's result and each programme's part. The one meeting point of the scores, the
/// targets and the territories; the layers, records and map page read it.
struct PublishedEPCI {
    var epci: Territories.EPCI
    /// Its population, when the catalogue has a `population` indicator.
    var population: Double?
    /// Each model's result, in the models' order.
    var results: [ModelResult]
    /// Each programme's part, in the targets' order, with the model it was split with.
    var targets: [(model: String?, share: TargetShare)]

    /// The parts split with the scores of this model.
    func targets(of model: String) -> [TargetShare] {
        targets.filter { $0.model == model }.map(\.share)
    }

    /// One per EPCI of `epci`, in its order. An error names the first EPCI a model or a
    /// programme has no result or part for.
    static func join(_ epci: [Territories.EPCI], population: [EPCICode: Double] = [:], scores: [AnalysedScores],
                     allocations: [TargetAllocation], file: String) throws -> [PublishedEPCI] {
        let parts = allocations.map { allocation in
            (allocation, Dictionary(allocation.epci.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first }))
        }
        return try epci.map { territory in
            let results = try scores.map { analysed in
                guard let row = analysed.scores.row(of: territory.code) else {
                    throw InputError(file: file, message: "model \(analysed.model.id) has no result for EPCI \(territory.code)")
                }
                return analysed.published(row)
            }
            let targets = try parts.map { allocation, byCode in
                guard let share = byCode[territory.code] else {
                    throw InputError(file: file, message: "programme \(allocation.programme.id) has no part for EPCI \(territory.code)")
                }
                return (allocation.programme.model, TargetShare(share, of: allocation))
            }
            return PublishedEPCI(epci: territory, population: population[territory.code], results: results, targets: targets)
        }
    }
}
