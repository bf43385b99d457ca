/// Ranks and percentiles of scores, the same whatever the EPCI's order.
public enum Ranking {
    /// Each score's rank, 1 for the highest; equal scores share the best rank ("1, 2, 2, 4").
    public static func ranks(_ scores: [Double]) -> [Int] { ranked(scores).ranks }

    /// The ranks, and the scores in ascending order, from one sort.
    static func ranked(_ scores: [Double]) -> (ranks: [Int], ascending: [Double]) {
        // Highest first: equal scores then share the first rank of their run.
        let order = Array(scores.withUnsafeBufferPointer { AscendingOrder.of(Array(scores.indices), by: $0) }.reversed())
        var ranks = [Int](repeating: 0, count: scores.count)
        for (k, i) in order.enumerated() {
            ranks[i] = k > 0 && scores[order[k - 1]] == scores[i] ? ranks[order[k - 1]] : k + 1
        }
        return (ranks, order.reversed().map { scores[$0] })
    }

    /// Each score's mid-rank percentile from 0 (lowest) to 100 (highest).
    public static func percentiles(_ scores: [Double]) -> [Double] {
        Normalisation.midRanks(scores).map { 100 * $0 }
    }
}
