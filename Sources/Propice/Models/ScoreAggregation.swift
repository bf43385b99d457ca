import Foundation

/// How an EPCI's normalised values and the model's weights make its score from 0 to 100.
public enum ScoreAggregation: Sendable, Equatable {
    /// 100 · Σ wᵢvᵢ / Σ wᵢ over the indicators present.
    case arithmetic
    /// 100 · Π vᵢ^(wᵢ / Σ wᵢ) over the indicators present, each value raised to `floor` first
    /// so that one zero does not erase the others.
    case geometric(floor: Double)

    /// An EPCI's score and each indicator's contribution in points, which add up to the score.
    /// Weights are renormalised over the indicators present (the values that are not NaN);
    /// a missing indicator contributes NaN. Nil when no indicator is present.
    public func score(values: [Double], weights: [Double]) -> (score: Double, points: [Double])? {
        guard let score = score(values, weights) else { return nil }
        let total = zip(values, weights).reduce(0) { $1.0.isNaN ? $0 : $0 + $1.1 }
        switch self {
        case .arithmetic:
            return (score, zip(values, weights).map { v, w in v.isNaN ? .nan : 100 * w * v / total })
        case .geometric(let floor):
            let raised = values.map { $0.isNaN ? .nan : max($0, floor) }
            let arithmetic = zip(raised, weights).reduce(0) { $1.0.isNaN ? $0 : $0 + 100 * $1.1 * $1.0 / total }
            // Each weighted value's share of the arithmetic mean, scaled to the geometric score.
            return (score, zip(raised, weights).map { v, w in v.isNaN ? .nan : 100 * w * v / total * score / arithmetic })
        }
    }

    /// The score alone, without allocating.
    func score(_ values: [Double], _ weights: [Double]) -> Double? {
        var total = 0.0, sum = 0.0
        for i in values.indices where !values[i].isNaN {
            total += weights[i]
            sum += weights[i] * term(values[i])
        }
        return score(sum: sum, total: total)
    }

    /// A present value's term in the weighted sum that makes the score: the value, or its
    /// logarithm once raised to the floor.
    @inline(__always) func term(_ value: Double) -> Double {
        switch self {
        case .arithmetic: value
        case .geometric(let floor): log(max(value, floor))
        }
    }

    /// The score of `sum`, the weighted terms of the values present, whose weights add up to
    /// `total`; nil when none is present.
    @inline(__always) func score(sum: Double, total: Double) -> Double? {
        guard total > 0 else { return nil }
        switch self {
        case .arithmetic: return 100 * sum / total
        case .geometric: return 100 * exp(sum / total)
        }
    }
}
