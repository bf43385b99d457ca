/// How firm an EPCI's rank is across the Monte Carlo draws of a model's uncertainty.
public struct RankSensitivity: Sendable, Equatable {
    /// The median rank and the 5 % and 95 % rank quantiles (nearest rank: the ⌈q·N⌉-th of the
    /// N sorted ranks), 1 being the best.
    public var medianRank: Int
    public var rankLow: Int
    public var rankHigh: Int
    /// The share of draws that put the EPCI in class 1.
    public var topClassProbability: Double
    public var draws: Int
}
