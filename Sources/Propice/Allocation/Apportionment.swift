import PropiceGeometry

/// Splits a whole number among shares proportional to weights, within bounds, into whole
/// numbers that add up to it exactly: the continuous split first (each share `λ·weight`
/// clamped to its bounds, `λ` found so that they add up), then Hamilton's largest-remainder
/// method: every share is rounded down and the units left over go to the largest remainders.
///
/// Equal remainders (within 10⁻⁹) go first to the larger weight, then to the earlier entry (the
/// caller orders entries by code, so ties are broken the same way on every run). Like every
/// largest-remainder method it is not population-monotone: raising one weight can, rarely, take
/// a unit from that entry (the population paradox); its continuous share never drops.
public enum Apportionment {
    /// Why a split cannot be made.
    public struct Infeasible: Error, CustomStringConvertible {
        public var description: String
    }

    /// The continuous shares: `clamp(λ·weight, lower, upper)` adding up to `total`.
    public static func continuous(_ total: Double, weights: [Double], lower: [Double], upper: [Double?]) throws -> [Double] {
        let floor = lower.reduce(0, +)
        guard floor <= total + 1e-9 else {
            throw Infeasible(description: "the minimums add up to \(format(floor)), more than the \(format(total)) to split")
        }
        if upper.allSatisfy({ $0 != nil }) {
            let ceiling = upper.reduce(0) { $0 + $1! }
            guard ceiling >= total - 1e-9 else {
                throw Infeasible(description: "the maximums add up to \(format(ceiling)), less than the \(format(total)) to split")
            }
        }
        func shares(_ lambda: Double) -> [Double] {
            weights.indices.map { i in min(max(lambda * weights[i], lower[i]), upper[i] ?? .infinity) }
        }
        func sum(_ lambda: Double) -> Double { shares(lambda).reduce(0, +) }
        guard total > floor + 1e-9 else { return lower }
        guard weights.indices.contains(where: { weights[$0] > 0 && (upper[$0] ?? .infinity) > lower[$0] }) else {
            throw Infeasible(description: "no entry with a positive key can take more than its minimum: nothing to split \(format(total - floor)) by")
        }
        var low = 0.0, high = 1.0
        while sum(high) < total && high < .greatestFiniteMagnitude / 2 { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if sum(middle) < total { low = middle } else { high = middle }
        }
        return shares(high)
    }

    /// The whole shares: the continuous split rounded by largest remainders within the bounds.
    public static func whole(_ total: Int, weights: [Double], lower: [Int], upper: [Int?]) throws -> [Int] {
        let exact = try continuous(Double(total), weights: weights, lower: lower.map(Double.init), upper: upper.map { $0.map(Double.init) })
        guard total >= 0, exact.allSatisfy(\.isFinite) else { throw Infeasible(description: "\(total) cannot be split by these weights") }
        var shares = exact.indices.map { i in min(max(Int(flooring: exact[i] + 1e-9, within: 0...total), lower[i]), upper[i] ?? .max) }
        let remainders = exact.indices.map { exact[$0] - Double(shares[$0]) }
        var left = total - shares.reduce(0, +)
        // Largest remainder first; equal remainders to the larger weight, then the earlier entry.
        let order = exact.indices.sorted { a, b in
            if abs(remainders[a] - remainders[b]) > 1e-9 { return remainders[a] > remainders[b] }
            if weights[a] != weights[b] { return weights[a] > weights[b] }
            return a < b
        }
        for i in order where left > 0 && shares[i] < (upper[i] ?? .max) {
            shares[i] += 1
            left -= 1
        }
        for i in order.reversed() where left < 0 && shares[i] > lower[i] {
            shares[i] -= 1
            left += 1
        }
        guard left == 0 else { throw Infeasible(description: "\(total) cannot be split within the bounds") }
        return shares
    }

    private static func format(_ value: Double) -> String {
        FrenchNumber.format(value, decimals: value == value.rounded() ? 0 : 2)
    }
}
