import PropiceGeometry

/// What a model's scores are computed from, and nothing else: for every EPCI, the figure of
/// each of the model's indicators, and whether it meets the model's constraints. The build
/// makes it from the catalogue's aggregates (`ModelFigures.table`); `propice serve` from the
/// build's territory records (`ScoringTable(records:model:)`), to score again with other weights.
public struct ScoringTable: Sendable {
    /// Who an EPCI is, as a score names it.
    public struct Territory: Sendable, Equatable {
        public var code: EPCICode
        public var name: String
        public var nature: EPCINature

        public init(code: EPCICode, name: String, nature: EPCINature) {
            self.code = code
            self.name = name
            self.nature = nature
        }
    }

    public let model: ScoringModel
    public let epci: [Territory]
    /// The model's indicators, in its order.
    public let indicators: [ModelFigures.Description]
    /// Each indicator's figures, [indicator][row].
    public let figures: [[ModelFigures.Figure]]
    /// Per EPCI, nil when it meets every constraint (it is normalised with the others), else
    /// why it has no score whatever the weights.
    public let constraintStatus: [EPCIScore.Status?]

    /// A table whose columns hold one figure per EPCI and one description per indicator of the model.
    public init(model: ScoringModel, epci: [Territory], indicators: [ModelFigures.Description],
                figures: [[ModelFigures.Figure]], constraintStatus: [EPCIScore.Status?]) {
        precondition(indicators.count == model.indicators.count && figures.count == model.indicators.count
                     && figures.allSatisfy { $0.count == epci.count } && constraintStatus.count == epci.count,
                     "a scoring table has one column per indicator and one row per EPCI")
        self.model = model
        self.epci = epci
        self.indicators = indicators
        self.figures = figures
        self.constraintStatus = constraintStatus
    }
}
