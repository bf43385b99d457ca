import PropiceGeometry

/// A model's scores with how firm each scored EPCI's rank is under the model's uncertainty
/// (see `SensitivityAnalysis`): what the build publishes and the reports print.
public struct AnalysedScores: Sendable {
    public let scores: ModelScores
    /// Each result's rank sensitivity, in the order of `scores.results`; nil for an EPCI not
    /// scored, and for all when no draw was made.
    public let sensitivity: [RankSensitivity?]

    /// Runs `draws` Monte Carlo draws (the model's by default) seeded by `seed` (the model's
    /// by default).
    public init(_ scores: ModelScores, draws: Int? = nil, seed: UInt64? = nil) {
        let settings = scores.model.sensitivity
        self.scores = scores
        sensitivity = SensitivityAnalysis.ranks(of: scores, draws: draws ?? settings.draws, seed: seed ?? settings.seed)
    }

    public var model: ScoringModel { scores.model }

    /// The rank sensitivity of the EPCI with this SIREN; nil unless it was scored and analysed.
    public subscript(code: EPCICode) -> RankSensitivity? { scores.row(of: code).flatMap { sensitivity[$0] } }

    /// Each EPCI's score with its rank sensitivity, in the figures' EPCI order.
    public var results: Zip2Sequence<[EPCIScore], [RankSensitivity?]> { zip(scores.results, sensitivity) }
}
