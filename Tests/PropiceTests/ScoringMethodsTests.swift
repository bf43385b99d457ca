import Testing
@testable import Propice

@Suite("Scoring methods: normalisations, directions, aggregations, classes and ranks, by hand")
struct ScoringMethodsTests {
    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.isNaN && $1.isNaN || abs($0 - $1) <= tolerance }
    }

    @Test("percentile rank: mid-ranks for ties, 0 to 1, NaN kept, a single figure at 0.5")
    func percentile() {
        #expect(Self.close(Normalisation.percentile.normalise([2, 1, 2, 3]), [0.5, 0, 0.5, 1]))
        #expect(Self.close(Normalisation.percentile.normalise([4, .nan, 1]), [1, .nan, 0]))
        #expect(Self.close(Normalisation.percentile.normalise([7]), [0.5]))
        #expect(Self.close(Normalisation.percentile.normalise([3, 3, 3]), [0.5, 0.5, 0.5]))
        #expect(Self.close(Normalisation.percentile.normalise([1, 1, 1, 5, 9]), [0.25, 0.25, 0.25, 0.75, 1]))
    }

    @Test("min–max: (x − min) / (max − min), 0.5 when every figure is equal")
    func minMax() {
        #expect(Self.close(Normalisation.minMax.normalise([2, 6, 4, .nan]), [0, 1, 0.5, .nan]))
        #expect(Self.close(Normalisation.minMax.normalise([5, 5]), [0.5, 0.5]))
        #expect(Self.close(Normalisation.minMax.normalise([5]), [0.5]))
    }

    @Test("z-score: winsorised at the quantiles, population deviation, 0.5 + z / (2 · clip) clamped")
    func zScore() {
        // Quantiles 0.25 and 0.75 of [1, 2, 3, 4, 100] are 2 and 4: winsorised [2, 2, 3, 4, 4],
        // mean 3, deviation √0.8; 1 → z = −1/√0.8 → 0.5 − 0.25/√0.8.
        let z = Normalisation.zScore(winsorise: 0.25, clip: 2).normalise([1, 2, 3, 4, 100])
        let d = 0.8.squareRoot()
        #expect(Self.close(z, [0.5 - 0.25 / d, 0.5 - 0.25 / d, 0.5, 0.5 + 0.25 / d, 0.5 + 0.25 / d]))
        // No winsorising, clip 0.5: z = ±1.22 reaches past the ends and is clamped.
        #expect(Self.close(Normalisation.zScore(winsorise: 0, clip: 0.5).normalise([1, 3, 5]), [0, 0.5, 1]))
        #expect(Self.close(Normalisation.zScore(winsorise: 0.05, clip: 2).normalise([4, 4, .nan]), [0.5, 0.5, .nan]))
    }

    @Test("directions: lower is better reverses; an ideal range scores by distance to it")
    func directions() {
        let lower = [1.0, 2, 3].map(Direction.lowerIsBetter.oriented)
        #expect(Self.close(Normalisation.percentile.normalise(lower), [1, 0.5, 0]))
        let ideal = [0.0, 2, 2.5, 3, 5].map(Direction.ideal(2...3).oriented)
        #expect(ideal == [-2, 0, 0, 0, -2])
        // Two figures 2 away (mid-rank 0.5 of 4), three in the range (mid-rank 3 of 4).
        #expect(Self.close(Normalisation.percentile.normalise(ideal), [0.125, 0.75, 0.75, 0.75, 0.125]))
        #expect(Direction.ideal(4...4).oriented(1) == -3)
    }

    @Test("arithmetic mean: weights renormalised over the indicators present; points add up to the score")
    func arithmetic() throws {
        let result = try #require(ScoreAggregation.arithmetic.score(values: [1, 0.5, .nan], weights: [2, 1, 1]))
        #expect(abs(result.score - 250.0 / 3) < 1e-12)
        #expect(Self.close(result.points, [200.0 / 3, 50.0 / 3, .nan]))
        #expect(ScoreAggregation.arithmetic.score(values: [.nan, .nan], weights: [1, 1]) == nil)
    }

    @Test("geometric mean: floored values, points are the weighted values scaled to the score")
    func geometric() throws {
        let result = try #require(ScoreAggregation.geometric(floor: 0.1).score(values: [1, 0.25], weights: [1, 1]))
        #expect(abs(result.score - 50) < 1e-12)
        // Arithmetic 62.5: points 50 · 50/62.5 and 12.5 · 50/62.5.
        #expect(Self.close(result.points, [40, 10]))
        let zero = try #require(ScoreAggregation.geometric(floor: 0.1).score(values: [0, 1], weights: [1, 1]))
        #expect(abs(zero.score - 100 * 0.1.squareRoot()) < 1e-12)
        #expect(abs(zero.points.reduce(0, +) - zero.score) < 1e-12)
    }

    @Test("quantiles: breaks at s[⌊j·n/k⌋ − 1], ties share the lower class, equal scores in the middle class")
    func quantiles() {
        let five = Classification(method: .quantiles, classes: 5)
        let scores = (1...10).map(Double.init)
        let breaks = five.breaks(scores)
        #expect(breaks == [2, 4, 6, 8])
        #expect(scores.map { five.classOf($0, breaks: breaks) } == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
        let two = Classification(method: .quantiles, classes: 2)
        let tied = [1.0, 1, 1, 2, 3]
        #expect(two.breaks(tied) == [1])
        #expect(tied.map { two.classOf($0, breaks: two.breaks(tied)) } == [2, 2, 2, 1, 1])
        #expect(five.breaks([42]) == [])
        #expect(five.classOf(42, breaks: []) == 3)
        #expect(five.breaks([7, 7, 7]) == [])
        // Two scores, five classes: the top and the bottom class.
        let pair = five.breaks([1, 2])
        #expect([1.0, 2].map { five.classOf($0, breaks: pair) } == [5, 1])
    }

    @Test("equal intervals and manual breaks")
    func intervalsAndManual() {
        let equal = Classification(method: .equalIntervals, classes: 4)
        #expect(equal.breaks([0, 100, 30]) == [25, 50, 75])
        #expect([0.0, 25, 26, 100].map { equal.classOf($0, breaks: [25, 50, 75]) } == [4, 4, 3, 1])
        let manual = Classification(method: .manual([20, 40, 60, 80]), classes: 5)
        #expect(manual.breaks([55]) == [20, 40, 60, 80])
        #expect([10.0, 40, 40.5, 99].map { manual.classOf($0, breaks: [20, 40, 60, 80]) } == [5, 4, 3, 1])
    }

    @Test("Fisher–Jenks on a hand case: the three obvious groups")
    func jenksHandCase() {
        let jenks = Classification(method: .jenks, classes: 3)
        let scores = [1.0, 2, 3, 10, 11, 12, 30, 31]
        #expect(jenks.breaks(scores) == [3, 12])
        #expect(scores.map { jenks.classOf($0, breaks: [3, 12]) } == [3, 3, 3, 2, 2, 2, 1, 1])
        // Fewer distinct scores than classes: empty lower classes.
        #expect(Classification(method: .jenks, classes: 5).breaks([1, 2]) == [1, 1, 1, 1])
    }

    @Test("Fisher–Jenks is optimal: its partition's within-class sum of squares equals the least over every partition",
          arguments: 0..<40)
    func jenksOptimal(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed), streams: 11)
        let n = 6 + seed % 7, k = 2 + seed % 4
        let sorted = (0..<n).map { _ in (random.uniform() * 100).rounded() / 4 }.sorted()
        let splits = FisherJenks.splits(sorted: sorted, classes: k)
        #expect(splits.count == min(k, n) - 1)
        #expect(abs(Self.cost(sorted, splits) - Self.exhaustiveLeast(sorted, classes: min(k, n))) < 1e-9)
    }

    @Test("Fisher–Jenks by divide and conquer agrees with the plain O(k·n²) dynamic programme on 300 scores")
    func jenksLarge() {
        var random = SeededGenerator(seed: 99, streams: 1)
        let sorted = (0..<300).map { _ in let u = random.uniform(); return u * u * 100 }.sorted()
        for k in [2, 5, 7] {
            #expect(abs(Self.cost(sorted, FisherJenks.splits(sorted: sorted, classes: k)) - Self.plainLeast(sorted, classes: k)) < 1e-7)
        }
    }

    @Test("ranks: 1 for the highest, ties share the best rank; percentiles by mid-rank")
    func ranks() {
        #expect(Ranking.ranks([5, 7, 7, 1]) == [3, 1, 1, 4])
        #expect(Self.close(Ranking.percentiles([5, 7, 7, 1]), [100.0 / 3, 250.0 / 3, 250.0 / 3, 0], 1e-9))
        #expect(Ranking.ranks([3]) == [1])
        #expect(Ranking.percentiles([3]) == [50])
    }

    @Test("the radix order is a comparison sort's, stable, on signs, zeros, infinities, subnormals, ties and shared exponents")
    func ascendingOrder() {
        var random = SeededGenerator(seed: 20261206, streams: 3)
        let special: [Double] = [0, -0.0, 1, -1, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-300, 2, 2, 0.5]
        for count in [0, 1, 2, 3, 17, 40, 41, 1_232, 5_000] {
            // Figures in a narrow range (the high bytes shared), with ties, the special ones, and
            // figures that differ in their last bits only (runs split down to the lowest byte).
            let values = (0..<count).map { i in
                i % 9 == 0 ? special[i / 9 % special.count] : i % 4 == 0 ? Double(Int(random.uniform() * 10))
                    : i % 3 == 0 ? Double(bitPattern: Double(100).bitPattern + UInt64(random.uniform() * 300)) : 100 + random.uniform()
            }
            let indices = Array(values.indices.reversed())
            let radix = values.withUnsafeBufferPointer { AscendingOrder.of(indices, by: $0) }
            // A stable comparison sort of the same indices (−0 and +0 equal, as `<` has them).
            let expected = indices.enumerated().sorted { a, b in
                values[a.element] != values[b.element] ? values[a.element] < values[b.element] : a.offset < b.offset
            }.map(\.element)
            #expect(radix == expected, "\(count) figures")
        }
        // Ranks and mid-ranks from it, as by hand.
        #expect(Ranking.ranks([0, -0.0, -1, .infinity]) == [2, 2, 4, 1])
        #expect(Self.close(Normalisation.percentile.normalise([-0.0, .nan, 0, -5]), [0.75, .nan, 0.75, 0]))
    }

    @Test("French numbers: decimal comma, thousands by a no-break space")
    func frenchNumbers() {
        #expect(FrenchNumber.format(6.14, decimals: 1) == "6,1")
        #expect(FrenchNumber.format(10000, decimals: 0) == "10\u{A0}000")
        #expect(FrenchNumber.format(1_234_567.891, decimals: 2) == "1\u{A0}234\u{A0}567,89")
        #expect(FrenchNumber.format(-0.04, decimals: 1) == "0,0")
        #expect(FrenchNumber.format(-2.5, decimals: 2) == "-2,50")
        #expect(FrenchNumber.format(0.999, decimals: 2) == "1,00")
        #expect(FrenchNumber.percent(0.424) == "42\u{A0}%")
    }

    /// The within-class sum of squares of the partition of `sorted` at `splits`.
    static func cost(_ sorted: [Double], _ splits: [Int]) -> Double {
        let bounds = [0] + splits + [sorted.count]
        return zip(bounds, bounds.dropFirst()).reduce(0) { total, range in
            let part = sorted[range.0..<range.1], mean = part.reduce(0, +) / Double(part.count)
            return total + part.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        }
    }

    /// The least cost over every way to cut `sorted` into `classes` non-empty contiguous classes.
    static func exhaustiveLeast(_ sorted: [Double], classes: Int) -> Double {
        func search(_ start: Int, _ left: Int, _ splits: [Int]) -> Double {
            if left == 1 { return cost(sorted, splits) }
            var best = Double.infinity
            for cut in (start + 1)...(sorted.count - left + 1) { best = min(best, search(cut, left - 1, splits + [cut])) }
            return best
        }
        return search(0, classes, [])
    }

    /// The least cost by the textbook dynamic programme, every split point tried.
    static func plainLeast(_ sorted: [Double], classes: Int) -> Double {
        let n = sorted.count
        var sum = [0.0], squares = [0.0]
        for x in sorted {
            sum.append(sum.last! + x)
            squares.append(squares.last! + x * x)
        }
        func cost(_ i: Int, _ j: Int) -> Double { squares[j] - squares[i] - (sum[j] - sum[i]) * (sum[j] - sum[i]) / Double(j - i) }
        var best = (0...n).map { $0 == 0 ? Double.infinity : cost(0, $0) }
        for _ in 1..<classes {
            var next = [Double](repeating: .infinity, count: n + 1)
            for j in 1...n {
                for i in 1..<j where best[i].isFinite { next[j] = min(next[j], best[i] + cost(i, j)) }
            }
            best = next
        }
        return best[n]
    }
}
