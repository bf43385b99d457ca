import Testing
@testable import Propice
import PropiceTestSupport

@Suite("Sensitivity: Dirichlet weights, withheld figures drawn within bounds, rank quantiles")
struct SensitivityTests {
    @Test("Dirichlet draws are centred on the shares with variance s(1 − s)/(α + 1)")
    func dirichlet() {
        var random = SeededGenerator(seed: 5, streams: 0)
        let shares = [0.5, 0.3, 0.15, 0.05], alpha = 40.0, n = 20000
        var sum = [Double](repeating: 0, count: 4), squares = sum
        for _ in 0..<n {
            let draw = random.dirichlet(centredOn: shares, concentration: alpha)
            #expect(abs(draw.reduce(0, +) - 1) < 1e-12)
            for i in 0..<4 {
                sum[i] += draw[i]
                squares[i] += draw[i] * draw[i]
            }
        }
        for i in 0..<4 {
            let mean = sum[i] / Double(n), variance = squares[i] / Double(n) - mean * mean
            let expected = shares[i] * (1 - shares[i]) / (alpha + 1)
            #expect(abs(mean - shares[i]) < 0.003)
            #expect(abs(variance / expected - 1) < 0.08, "share \(shares[i]): variance \(variance), expected \(expected)")
        }
    }

    @Test("Gamma draws have the mean of their shape, below and above 1", arguments: [0.3, 1.0, 4.5])
    func gamma(shape: Double) {
        var random = SeededGenerator(seed: 6, streams: 0)
        let n = 40000
        let mean = (0..<n).reduce(0.0) { total, _ in total + random.gamma(shape: shape) } / Double(n)
        #expect(abs(mean / shape - 1) < 0.03)
    }

    @Test("without concentration and without withheld figures, every draw gives the central rank")
    func fixed() throws {
        let fixture = ScoringFixture(["a": [1, 5, 3, 9, 7], "b": [2, 2, 8, 1, 4]])
        let model = ModelYAML.essai("""
              - {id: a, weight: 3, direction: higher, high: h, low: l}
              - {id: b, weight: 1, direction: higher, high: h, low: l}
            """).replacingOccurrences(of: "concentration: 20", with: "concentration: 0")
        let scores = AnalysedScores(try fixture.scores(model))
        for (result, sensitivity) in scores.results {
            let s = try #require(sensitivity)
            #expect(s.medianRank == result.rank && s.rankLow == result.rank && s.rankHigh == result.rank)
            #expect(s.topClassProbability == (result.classe == 1 ? 1 : 0))
        }
    }

    @Test("a withheld figure drawn uniformly in [0, 20] beats a known 15 a quarter of the time")
    func withheld() throws {
        var fixture = ScoringFixture(["a": [10, 15]])
        fixture.bounds["a"] = [0...20, nil]
        let model = ModelYAML.essai("  - {id: a, weight: 1, direction: higher, high: h, low: l}")
            .replacingOccurrences(of: "concentration: 20", with: "concentration: 0")
        let scores = AnalysedScores(try fixture.scores(model), draws: 4000)
        let withheld = try #require(scores.sensitivity[0]), known = try #require(scores.sensitivity[1])
        // Two quantile classes of one EPCI each: class 1 is rank 1.
        #expect(abs(withheld.topClassProbability - 0.25) < 0.03)
        #expect(abs(known.topClassProbability - 0.75) < 0.03)
        #expect(withheld.medianRank == 2 && withheld.rankLow == 1 && withheld.rankHigh == 2)
        #expect(known.medianRank == 1 && known.rankLow == 1 && known.rankHigh == 2)
        // A model that keeps withheld figures at their central value.
        let fixed = AnalysedScores(try fixture.scores(model.replacingOccurrences(of: "concentration: 0", with: "concentration: 0, masked: false")))
        #expect(fixed.sensitivity[0]?.topClassProbability == 0)
    }
}
