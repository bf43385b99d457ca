import PropiceGeometry

/// One EPCI's result for one model: its score, class, rank and the contribution of every
/// indicator, or why it has none.
public struct EPCIScore: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case scored
        /// Too little data to score, with the reason in French.
        case insufficient(String)
        /// Left out by one of the model's constraints, with the reason in French.
        case excluded(String)

        /// The outcome without its reason.
        public var outcome: ScoreOutcome {
            switch self {
            case .scored: .scored
            case .insufficient: .insufficient
            case .excluded: .excluded
            }
        }

        /// Why there is no score, in French; nil when scored.
        public var reason: String? {
            switch self {
            case .scored: nil
            case .insufficient(let why), .excluded(let why): why
            }
        }
    }

    public var code: EPCICode
    public var name: String
    public var nature: EPCINature
    public var status: Status
    /// From 0 to 100; nil unless scored.
    public var score: Double?
    /// 1 (highest scores) to the model's number of classes; nil unless scored.
    public var classe: Int?
    /// The class's label, or the label of insufficient data or exclusion.
    public var classLabel: String
    /// 1 for the highest score, out of `scored` EPCI; equal scores share a rank.
    public var rank: Int?
    public var scored: Int
    /// The mid-rank percentile of the score among the scored EPCI, 0 to 100.
    public var percentile: Double?
    /// The mean of the indicators' completeness weighted by the model's weights.
    public var completeness: Double
    /// One entry per model indicator, in the model's order.
    public var contributions: [IndicatorContribution]
    /// A French sentence naming the main factors with their figures, or the reason for no score.
    public var sentence: String

    /// The share (0 to 1) of the weight applied to its score that rests on synthetic inputs;
    /// for an EPCI without a score, the share of the model's weights.
    public var syntheticShare: Double {
        let applied = contributions.map(\.appliedWeight)
        return Self.syntheticShare(weights: applied.contains { $0 > 0 } ? applied : contributions.map(\.weight),
                                   synthetic: contributions.map(\.synthetic))
    }

    /// The share (0 to 1) of these weights on the indicators flagged synthetic; 0 without weight.
    static func syntheticShare(weights: [Double], synthetic: [Bool]) -> Double {
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        return zip(synthetic, weights).reduce(0) { $0 + ($1.0 ? $1.1 : 0) } / total
    }
}

/// How an EPCI came out of a model, as published: `note`, `donnees_insuffisantes` or
/// `hors_criteres`.
public enum ScoreOutcome: String, Codable, Sendable, CaseIterable {
    case scored = "note", insufficient = "donnees_insuffisantes", excluded = "hors_criteres"
}
