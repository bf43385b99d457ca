/// Fisher–Jenks natural breaks: the partition of sorted figures into contiguous classes with
/// the least total within-class sum of squared deviations, found exactly by dynamic
/// programming. The optimal split points never move left as the prefix grows (the cost is a
/// Monge array), so each row is solved by divide and conquer in O(n log n): k · n log n in all.
enum FisherJenks {
    /// The ascending breaks (the highest figure of every class but the highest) of the optimal
    /// partition of `sorted` into at most `classes` classes; fewer when there are fewer figures.
    static func breaks(sorted: [Double], classes: Int) -> [Double] {
        splits(sorted: sorted, classes: classes).map { sorted[$0 - 1] }
    }

    /// The indices where each class but the first starts.
    static func splits(sorted x: [Double], classes: Int) -> [Int] {
        let n = x.count, k = min(classes, n)
        guard k > 1 else { return [] }
        // Prefix sums, centred on the mean for precision.
        let mean = x.reduce(0, +) / Double(n)
        var sum = [Double](repeating: 0, count: n + 1), squares = sum
        for i in 0..<n {
            let d = x[i] - mean
            sum[i + 1] = sum[i] + d
            squares[i + 1] = squares[i] + d * d
        }
        /// The sum of squared deviations of x[i..<j] from its mean.
        func cost(_ i: Int, _ j: Int) -> Double {
            let s = sum[j] - sum[i]
            return max(squares[j] - squares[i] - s * s / Double(j - i), 0)
        }
        // best[c][j]: least cost of x[0..<j] in c + 1 classes; start[c][j]: where its last class starts.
        var best = [(1...n).reduce(into: [Double.infinity]) { $0.append(cost(0, $1)) }]
        var start: [[Int]] = [[Int](repeating: 0, count: n + 1)]
        for c in 1..<k {
            var row = [Double](repeating: .infinity, count: n + 1), from = [Int](repeating: 0, count: n + 1)
            let previous = best[c - 1]
            /// Solves row[j] for j in lo...hi, knowing the optimal start lies in first...last.
            func solve(_ lo: Int, _ hi: Int, _ first: Int, _ last: Int) {
                guard lo <= hi else { return }
                let j = (lo + hi) / 2
                var value = Double.infinity, at = first
                for i in first...min(last, j - 1) {
                    let candidate = previous[i] + cost(i, j)
                    if candidate < value { value = candidate; at = i }
                }
                row[j] = value
                from[j] = at
                solve(lo, j - 1, first, at)
                solve(j + 1, hi, at, last)
            }
            // c + 1 classes need at least c + 1 figures; the last class starts at c or later.
            solve(c + 1, n, c, n - 1)
            best.append(row)
            start.append(from)
        }
        var splits: [Int] = [], end = n
        for c in stride(from: k - 1, to: 0, by: -1) {
            end = start[c][end]
            splits.append(end)
        }
        return splits.reversed()
    }
}
