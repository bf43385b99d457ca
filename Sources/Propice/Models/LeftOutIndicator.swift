import PropiceGeometry

/// An indicator a model lost because it rests on a synthetic source left out of the build
/// (`synthetic: exclude`).
public struct LeftOutIndicator: Sendable, Equatable, Codable {
    public var id: String
    /// The synthetic source it rests on.
    public var source: String
}

extension ScoringModel {
    /// The model without what rests on the catalogue's left-out indicators (each id with its
    /// synthetic source): the derived figures reading them, the indicators and constraints naming
    /// them. The remaining weights keep their ratios (weights are relative); the indicators that
    /// left are listed in `leftOut`. A model left with no indicator is an error naming its file.
    func withoutIndicators(restingOn leftOutOfCatalogue: [String: String], file: String) throws -> ScoringModel {
        guard !leftOutOfCatalogue.isEmpty else { return self }
        var gone = leftOutOfCatalogue
        var model = self
        model.derived = derived.filter { derived in
            guard let reference = derived.rule.references.first(where: { gone[$0] != nil }) else { return true }
            gone[derived.id] = gone[reference]
            return false
        }
        model.leftOut = indicators.compactMap { indicator in gone[indicator.id].map { LeftOutIndicator(id: indicator.id, source: $0) } }
        model.indicators.removeAll { gone[$0.id] != nil }
        model.constraints.removeAll { gone[$0.indicator] != nil }
        guard !model.indicators.isEmpty else {
            throw InputError(file: file, message: "every indicator of model '\(id)' rests on a synthetic source, and the configuration leaves them out (synthetic: exclude)")
        }
        return model
    }
}
