/// How firm an EPCI's rank is across the Monte Carlo draws of a model's uncertainty; published
/// as `rang_median`, `rang_p05`, `rang_p95`, `proba_classe_1` and `tirages`.
public struct RankSensitivity: Sendable, Equatable, Codable {
    /// The median rank and the 5 % and 95 % rank quantiles (nearest rank: the ⌈q·N⌉-th of the
    /// N sorted ranks), 1 being the best.
    public var medianRank: Int
    public var rankLow: Int
    public var rankHigh: Int
    /// The share of draws that put the EPCI in class 1.
    public var topClassProbability: Double
    public var draws: Int

    enum CodingKeys: String, CodingKey {
        case medianRank = "rang_median", rankLow = "rang_p05", rankHigh = "rang_p95"
        case topClassProbability = "proba_classe_1", draws = "tirages"
    }
}
