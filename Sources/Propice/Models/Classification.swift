/// How scores are cut into classes. Class 1 holds the highest scores.
///
/// Every method gives k − 1 ascending breaks; a score strictly above a break is in the class
/// above it (a score equal to a break stays below), so equal scores always share a class.
/// When every score is equal, the data-driven methods (all but manual breaks) put them all in
/// the middle class: nothing tells them apart.
public struct Classification: Sendable, Equatable {
    public enum Method: Sendable, Equatable {
        /// Breaks at the order statistics s[⌊j·n/k⌋ − 1] (0-based), j = 1…k−1: classes of
        /// (nearly) equal size, the lower classes one score smaller when n is not a multiple of k.
        case quantiles
        /// Fisher–Jenks natural breaks: the partition with the least within-class sum of squares;
        /// each break is the highest score of its class.
        case jenks
        /// k intervals of equal width between the lowest and the highest score.
        case equalIntervals
        /// Breaks given by the model, ascending, k − 1 of them.
        case manual([Double])
    }

    public var method: Method
    public var classes: Int

    /// The most classes a model can have: the map's sequential palette colours 2 to 9.
    public static let maximumClasses = 9

    public init(method: Method, classes: Int) {
        self.method = method
        self.classes = classes
    }

    /// The ascending breaks for these scores (in any order).
    public func breaks(_ scores: [Double]) -> [Double] { breaks(ascending: scores.sorted()) }

    /// The ascending breaks for scores already sorted in ascending order.
    func breaks(ascending sorted: [Double]) -> [Double] {
        guard let low = sorted.first, let high = sorted.last else {
            if case .manual(let breaks) = method { return breaks }
            return []
        }
        switch method {
        case .manual(let breaks): return breaks
        case _ where low == high: return []
        case .quantiles: return (1..<classes).map { sorted[max($0 * sorted.count / classes - 1, 0)] }
        case .equalIntervals: return (1..<classes).map { low + Double($0) * (high - low) / Double(classes) }
        case .jenks:
            // Fewer figures than classes: the missing breaks at the lowest score empty the lower classes.
            let breaks = FisherJenks.breaks(sorted: sorted, classes: classes)
            return Array(repeating: low, count: classes - 1 - breaks.count) + breaks
        }
    }

    private var isManual: Bool {
        if case .manual = method { true } else { false }
    }

    /// The class (1 = highest scores … `classes`) of a score, given the breaks of its set.
    /// With no breaks from a data-driven method (all scores equal), the middle class.
    public func classOf(_ score: Double, breaks: [Double]) -> Int {
        if breaks.isEmpty, !isManual { return (classes + 1) / 2 }
        var above = 0
        for b in breaks where score > b { above += 1 }
        return classes - above
    }
}
