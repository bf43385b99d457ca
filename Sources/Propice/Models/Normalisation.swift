/// How an indicator's figures become values from 0 (worst) to 1 (best) across the EPCI.
///
/// Figures are oriented first (see `Direction`); NaN stands for a missing figure and stays
/// NaN. Every method depends only on the multiset of figures, so the EPCI's order changes
/// nothing.
public enum Normalisation: Sendable, Equatable {
    /// The mid-rank percentile: (figures below + (figures equal − 1) / 2) / (n − 1). The lowest
    /// gets 0, the highest 1, ties share their mean rank, and a single figure gets 0.5.
    case percentile
    /// (x − min) / (max − min); 0.5 for all when every figure is equal.
    case minMax
    /// Figures winsorised at the `winsorise` and 1 − `winsorise` quantiles, turned into z-scores
    /// (population standard deviation), then 0.5 + z / (2 · `clip`) clamped to [0, 1]: a
    /// z-score of ±`clip` reaches 0 or 1. 0.5 for all when the winsorised figures are equal.
    case zScore(winsorise: Double, clip: Double)

    /// The normalised values into `result` (replaced), a percentile sorting in `workspace`: what
    /// `normalise(_:)` gives, without allocating once the buffers have grown.
    func normalise(_ values: [Double], into result: inout [Double], workspace: inout AscendingOrder.Workspace) {
        if self == .percentile { Self.midRanks(values, into: &result, workspace: &workspace) } else { result = normalise(values) }
    }

    /// The normalised values, in the order of `values`.
    public func normalise(_ values: [Double]) -> [Double] {
        let present = self == .percentile ? [] : values.filter { !$0.isNaN }.sorted()
        switch self {
        case .percentile:
            return Self.midRanks(values)
        case _ where present.isEmpty:
            return values
        case .minMax:
            let low = present.first!, high = present.last!
            return values.map { $0.isNaN ? .nan : high > low ? ($0 - low) / (high - low) : 0.5 }
        case .zScore(let winsorise, let clip):
            let low = Self.quantile(present, winsorise), high = Self.quantile(present, 1 - winsorise)
            let clamped = present.map { min(max($0, low), high) }
            // Sums over sorted figures: the same bits whatever the EPCI's order.
            let mean = clamped.reduce(0, +) / Double(clamped.count)
            let deviation = (clamped.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(clamped.count)).squareRoot()
            return values.map { value in
                guard !value.isNaN else { return .nan }
                guard deviation > 0 else { return 0.5 }
                let z = (min(max(value, low), high) - mean) / deviation
                return min(max(0.5 + z / (2 * clip), 0), 1)
            }
        }
    }

    /// Every figure's mid-rank percentile among the figures present, by one sort of their
    /// indices (`AscendingOrder`) and a sweep over runs of equal figures.
    static func midRanks(_ values: [Double]) -> [Double] {
        var result: [Double] = [], workspace = AscendingOrder.Workspace()
        midRanks(values, into: &result, workspace: &workspace)
        return result
    }

    /// The mid-rank percentiles into `result` (replaced), sorting in `workspace`.
    static func midRanks(_ values: [Double], into result: inout [Double], workspace: inout AscendingOrder.Workspace) {
        values.withUnsafeBufferPointer { AscendingOrder.sort(values.indices.lazy.filter { !values[$0].isNaN }, by: $0, in: &workspace) }
        let order = workspace.order, n = order.count
        result.removeAll(keepingCapacity: true)
        result.append(contentsOf: repeatElement(.nan, count: values.count))
        guard n > 1 else {
            for i in order { result[i] = 0.5 }
            return
        }
        var start = 0
        while start < n {
            var end = start + 1
            while end < n, values[order[end]] == values[order[start]] { end += 1 }
            // Below: start figures; equal: end − start of them.
            let rank = (Double(start) + Double(end - start - 1) / 2) / Double(n - 1)
            for k in start..<end { result[order[k]] = rank }
            start = end
        }
    }

    /// The `p` quantile of sorted figures, interpolated linearly between order statistics
    /// (R's type 7, numpy's default).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down)), above = min(below + 1, sorted.count - 1)
        return sorted[below] + (position - Double(below)) * (sorted[above] - sorted[below])
    }
}
