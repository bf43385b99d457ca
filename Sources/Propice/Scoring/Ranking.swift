/// Ranks and percentiles of scores, the same whatever the EPCI's order.
public enum Ranking {
    /// Each score's rank, 1 for the highest; equal scores share the best rank ("1, 2, 2, 4").
    public static func ranks(_ scores: [Double]) -> [Int] { ranked(scores).ranks }

    /// The ranks, and the scores in ascending order, from one sort.
    static func ranked(_ scores: [Double]) -> (ranks: [Int], ascending: [Double]) {
        var ranks: [Int] = [], ascending: [Double] = [], workspace = AscendingOrder.Workspace()
        rank(scores, ranks: &ranks, ascending: &ascending, workspace: &workspace)
        return (ranks, ascending)
    }

    /// The ranks and the ascending scores into `ranks` and `ascending` (replaced), sorting in
    /// `workspace`; `R` holds every rank up to the number of scores.
    static func rank<R: FixedWidthInteger>(_ scores: [Double], ranks: inout [R], ascending: inout [Double],
                                           workspace: inout AscendingOrder.Workspace) {
        scores.withUnsafeBufferPointer { AscendingOrder.sort(scores.indices, by: $0, in: &workspace) }
        let order = workspace.order, n = order.count
        ranks.removeAll(keepingCapacity: true)
        ranks.append(contentsOf: repeatElement(0, count: n))
        // Highest first: equal scores then share the first rank of their run.
        for k in 0..<n {
            let i = order[n - 1 - k], above = k > 0 ? order[n - k] : i
            ranks[i] = k > 0 && scores[above] == scores[i] ? ranks[above] : R(k + 1)
        }
        ascending.removeAll(keepingCapacity: true)
        ascending.append(contentsOf: order.lazy.map { scores[$0] })
    }

    /// Each score's mid-rank percentile from 0 (lowest) to 100 (highest).
    public static func percentiles(_ scores: [Double]) -> [Double] {
        Normalisation.midRanks(scores).map { 100 * $0 }
    }
}
