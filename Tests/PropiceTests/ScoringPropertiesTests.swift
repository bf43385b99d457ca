import Testing
@testable import Propice
import PropiceTestSupport

@Suite("Scoring properties over random inputs: monotonicity, weight scale, EPCI order, seeds")
struct ScoringPropertiesTests {
    /// Every normalisation and aggregation the format offers.
    static let variants: [(normalisation: String, aggregation: String)] = [
        ("percentile", ""), ("minmax", ""), ("zscore, winsorise: 0.1, clip: 2", ""),
        ("percentile", "aggregation: geometric\nfloor: 0.05"), ("zscore, winsorise: 0.05, clip: 1.5", "aggregation: geometric\nfloor: 0.01"),
    ]

    /// A random fixture: `n` EPCI, indicators x0…x3 with some figures missing or withheld.
    static func randomFixture(_ random: inout SeededGenerator, n: Int) -> ScoringFixture {
        var figures: [String: [Double?]] = [:], bounds: [String: [ClosedRange<Double>?]] = [:]
        for i in 0..<4 {
            let column: [Double?] = (0..<n).map { _ in random.uniform() < 0.08 ? nil : (random.uniform() * 50).rounded() / 2 }
            figures["x\(i)"] = column
            bounds["x\(i)"] = column.map { v in v.flatMap { random.uniform() < 0.3 ? $0...($0 + random.uniform() * 4) : nil } }
        }
        var fixture = ScoringFixture(figures)
        fixture.bounds = bounds
        return fixture
    }

    /// A model over x0…x3 with random weights and directions (x0 always higher is better).
    static func randomModel(_ random: inout SeededGenerator, normalisation: String, aggregation: String, scale: Double = 1) -> String {
        let directions = ["direction: higher", "direction: lower", "ideal: [5, 10]"]
        let entries = (0..<4).map { i in
            let weight = (1 + random.uniform() * 9).rounded() * scale
            let direction = i == 0 ? directions[0] : directions[Int(random.uniform() * 3)]
            return "  - {id: x\(i), weight: \(weight), \(direction), normalisation: \(normalisation), high: h, low: l}"
        }
        return ModelYAML.essai(entries.joined(separator: "\n"), extra: aggregation.replacingOccurrences(of: "missing: {completeness: 0.5}", with: ""),
                                    classes: "{method: quantiles}")
    }

    @Test("raising a higher-is-better figure never lowers that EPCI's score", arguments: 0..<variants.count)
    func monotone(variant: Int) throws {
        var random = SeededGenerator(seed: 1, streams: UInt64(variant))
        for _ in 0..<40 {
            var fixture = Self.randomFixture(&random, n: 25)
            let model = Self.randomModel(&random, normalisation: Self.variants[variant].normalisation, aggregation: Self.variants[variant].aggregation)
            let before = try fixture.scores(model)
            guard let row = before.results.indices.filter({ before.results[$0].score != nil && fixture.figures["x0"]![$0] != nil }).randomElement(using: &random) else { continue }
            fixture.figures["x0"]![row]! += 0.5 + random.uniform() * 20
            let after = try fixture.scores(model)
            #expect(after.results[row].score! >= before.results[row].score! - 1e-9,
                    "score of row \(row) fell from \(before.results[row].score!) to \(after.results[row].score!)")
        }
    }

    @Test("weights that sum to other than 1 give the same scores and ranking as normalised ones", arguments: 0..<variants.count)
    func weightScale(variant: Int) throws {
        for trial in 0..<15 {
            var random = SeededGenerator(seed: 2, streams: UInt64(variant), UInt64(trial))
            let fixture = Self.randomFixture(&random, n: 30)
            var first = random, second = random
            let v = Self.variants[variant]
            let raw = try fixture.scores(Self.randomModel(&first, normalisation: v.normalisation, aggregation: v.aggregation, scale: 7.3))
            let unit = try fixture.scores(Self.randomModel(&second, normalisation: v.normalisation, aggregation: v.aggregation, scale: 0.01))
            #expect(raw.results.map(\.rank) == unit.results.map(\.rank))
            #expect(raw.results.map(\.classe) == unit.results.map(\.classe))
            for (a, b) in zip(raw.results, unit.results) { #expect(abs((a.score ?? 0) - (b.score ?? 0)) < 1e-9) }
        }
    }

    @Test("permuting the EPCI changes no figure, class, rank or sensitivity", arguments: 0..<variants.count)
    func permutation(variant: Int) throws {
        for trial in 0..<10 {
            var random = SeededGenerator(seed: 3, streams: UInt64(variant), UInt64(trial))
            let fixture = Self.randomFixture(&random, n: 30)
            let model = Self.randomModel(&random, normalisation: Self.variants[variant].normalisation, aggregation: Self.variants[variant].aggregation)
            var order = Array(fixture.codes.indices)
            order.shuffle(using: &random)
            var shuffled = fixture
            shuffled.codes = order.map { fixture.codes[$0] }
            for id in fixture.figures.keys {
                shuffled.figures[id] = order.map { fixture.figures[id]![$0] }
                shuffled.bounds[id] = order.map { fixture.bounds[id]![$0] }
            }
            let a = AnalysedScores(try fixture.scores(model), draws: 50)
            let b = AnalysedScores(try shuffled.scores(model), draws: 50)
            for (result, sensitivity) in a.results {
                let other = try #require(b.scores[result.code])
                #expect(result == other)
                #expect(sensitivity == b[result.code])
            }
        }
    }

    @Test("the same seed gives the same sensitivity; another seed other draws")
    func seeds() throws {
        var random = SeededGenerator(seed: 4, streams: 0)
        let fixture = Self.randomFixture(&random, n: 40)
        let scores = try fixture.scores(Self.randomModel(&random, normalisation: "percentile", aggregation: ""))
        let once = AnalysedScores(scores), again = AnalysedScores(scores)
        #expect(once.sensitivity == again.sensitivity)
        #expect(once.results.allSatisfy { $0.score == nil || $1?.draws == 200 })
        let other = AnalysedScores(scores, seed: 8)
        #expect(once.sensitivity != other.sensitivity)
    }
}
