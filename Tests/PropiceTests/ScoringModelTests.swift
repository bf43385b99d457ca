import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Scoring models: the YAML format, constraints, missing data and explanations, by hand")
struct ScoringModelTests {
    static let twoIndicators = """
          - {id: a, weight: 2, direction: higher, high: Forte a, low: Faible a}
          - {id: b, weight: 1, direction: lower, high: Forte b, low: Faible b, unit: b par habitant, decimals: 1}
        """

    /// a = [10, 20, 20, 40]; b = [5, 1, 3, missing].
    static let fixture = ScoringFixture(["a": [10, 20, 20, 40], "b": [5, 1, 3, nil]])

    @Test("four EPCI: percentile ranks, weights renormalised for a missing figure, quantile classes, ranks")
    func handComputed() throws {
        let scores = try Self.fixture.scores(ModelYAML.essai(Self.twoIndicators))
        // a → [0, .5, .5, 1]; b (lower is better) → [0, 1, .5, missing].
        // Scores: (2·0 + 0)/3, (2·.5 + 1)/3, (2·.5 + .5)/3, and 1 from a alone.
        let expected = [0, 200.0 / 3, 50, 100]
        for (result, score) in zip(scores.results, expected) { #expect(abs(result.score! - score) < 1e-9) }
        #expect(scores.results.map(\.rank) == [4, 2, 3, 1])
        // Two quantile classes over [0, 50, 66.7, 100]: the break is 50.
        #expect(scores.breaks == [50])
        #expect(scores.results.map(\.classe) == [2, 1, 2, 1])
        #expect(scores.results.map(\.classLabel) == ["bas", "haut", "bas", "haut"])
        let last = scores.results[3]
        #expect(abs(last.completeness - 2.0 / 3) < 1e-12)
        #expect(last.contributions[1].value == nil && last.contributions[1].points == nil && last.contributions[1].appliedWeight == 0)
        #expect(last.contributions[0].appliedWeight == 1)
        for result in scores.results {
            let total = result.contributions.compactMap(\.points).reduce(0, +)
            #expect(abs(total - result.score!) < 1e-9)
        }
    }

    @Test("the explanation: figures, normalised values, weights, points and a French sentence with figures")
    func explanation() throws {
        let scores = try Self.fixture.scores(ModelYAML.essai(Self.twoIndicators))
        let second = scores.results[1]
        #expect(second.contributions.map(\.normalised) == [0.5, 1])
        #expect(second.contributions.map(\.weight) == [2.0 / 3, 1.0 / 3])
        #expect(abs(second.contributions[0].points! - 100.0 / 3) < 1e-9)
        #expect(second.contributions[1].unit == "u")
        #expect(abs(second.percentile! - 200.0 / 3) < 1e-9)
        // b = 1 is the best (lowest) and in the lower half of the figures: "Faible b", pulling up.
        // a = 20 is neutral (0.5): not named.
        #expect(second.sentence == "Faible b : 1,0\u{A0}b par habitant.")
        let first = scores.results[0]
        #expect(first.sentence == "Faible a : 10\u{A0}u ; forte b : 5,0\u{A0}b par habitant.")
        let text = ScoreReport.explanation(ModelResult(second, meetsConstraints: true, sensitivity: nil, model: scores.model), name: second.name, code: second.code.value)
        #expect(text.contains("score 66,7 sur 100 · classe 1 « haut » · rang 2 sur 4"))
    }

    @Test("the missing-data policy: below the completeness threshold an EPCI has insufficient data, with the reason")
    func insufficient() throws {
        var fixture = Self.fixture
        fixture.completeness["a"] = [1, 1, 0.2, 1]
        let scores = try fixture.scores(ModelYAML.essai(Self.twoIndicators).replacingOccurrences(of: "completeness: 0.5", with: "completeness: 0.7"))
        // EPCI 3: (2 · 0.2 + 1 · 1) / 3 = 47 %; EPCI 4: (2 · 1 + 0) / 3 = 67 %.
        #expect(scores.results.map(\.score).map { $0 == nil } == [false, false, true, true])
        #expect(scores.results[2].status == .insufficient("complétude pondérée de 47\u{A0}%, sous le seuil de 70\u{A0}% du modèle ; les moins complets : Libellé a (20\u{A0}%)"))
        #expect(scores.results[3].status == .insufficient("complétude pondérée de 67\u{A0}%, sous le seuil de 70\u{A0}% du modèle ; les moins complets : Libellé b (absent)"))
        #expect(scores.results[3].classLabel == "données insuffisantes")
        #expect(scores.results[3].sentence.hasPrefix("Données insuffisantes : complétude pondérée"))
        // Figures of EPCI short of data still take part in the normalisation.
        #expect(scores.results.map(\.rank) == [2, 1, nil, nil])
        #expect(scores.results[1].contributions[0].normalised == 0.5)
    }

    @Test("constraints: a minimum excludes before normalising; a required figure missing is insufficient data")
    func constraints() throws {
        var fixture = Self.fixture
        fixture.figures["population"] = [500, 2000, 3000, 4000]
        let model = ModelYAML.essai(Self.twoIndicators, extra: """
            constraints:
              - {indicator: population, min: 1000}
              - {required: b}
            """)
        let scores = try fixture.scores(model)
        #expect(scores.results[0].status == .excluded("Libellé population : 500\u{A0}u, sous le minimum de 1\u{A0}000\u{A0}u fixé par le modèle"))
        #expect(scores.results[0].classLabel == "hors critères")
        #expect(scores.results[3].status == .insufficient("Libellé b : donnée absente, requise par le modèle"))
        // a over EPCI 2 and 3 only: [.5, .5]; b over [1, 3] → [1, 0].
        #expect(abs(scores.results[1].score! - 200.0 / 3) < 1e-9)
        #expect(abs(scores.results[2].score! - 100.0 / 3) < 1e-9)
        #expect(scores.results.map(\.scored) == [2, 2, 2, 2])
        // A maximum, and a bound on a figure that is missing.
        fixture.figures["population"] = [500, 2000, nil, 4000]
        let capped = try fixture.scores(ModelYAML.essai(Self.twoIndicators, extra: "constraints:\n  - {indicator: population, max: 3000}"))
        #expect(capped.results[3].status == .excluded("Libellé population : 4\u{A0}000\u{A0}u, au-dessus du maximum de 3\u{A0}000\u{A0}u fixé par le modèle"))
        #expect(capped.results[2].status == .insufficient("Libellé population : donnée absente, nécessaire au critère du modèle"))
        #expect(capped.results.map(\.rank) == [2, 1, nil, nil])
    }

    @Test("one EPCI: every percentile 0.5, the score 50, the middle class, rank 1 of 1")
    func single() throws {
        let scores = try ScoringFixture(["a": [3], "b": [8]]).scores(ModelYAML.essai(Self.twoIndicators, classes: "{method: jenks}"))
        let only = scores.results[0]
        #expect(only.score == 50 && only.classe == 3 && only.classLabel == "intermédiaire" && only.rank == 1 && only.percentile == 50)
        let analysed = AnalysedScores(scores)
        #expect(analysed.sensitivity[0] == RankSensitivity(medianRank: 1, rankLow: 1, rankHigh: 1, topClassProbability: 0, draws: 200))
    }

    @Test("derived figures: ratio, difference with a constant, Loc'Avantages ceiling and points per EPCI nature, with bounds")
    func derived() throws {
        var fixture = ScoringFixture(["loyer": [10, 12], "places": [5, 0], "menages": [1000, 0]])
        fixture.natures = [.ca, .me]
        fixture.bounds["places"] = [4...6, nil]
        let model = ModelYAML.essai("""
              - {id: ecart, weight: 1, direction: lower, high: h, low: l}
              - {id: loc2, weight: 1, direction: lower, high: h, low: l}
              - {id: densite, weight: 1, direction: lower, high: h, low: l}
              - {id: urbain, weight: 1, direction: higher, high: h, low: l}
            """, extra: """
            constants:
              - {id: reference, label: Loyer social, unit: €/m², value: 6, source: essai}
            derived:
              - {id: ecart, label: Écart, unit: €/m², difference: [loyer, reference]}
              - {id: loc2, label: Plafond Loc2, unit: €/m², loc_avantages: {of: loyer, level: loc2}}
              - {id: densite, label: Places pour 1 000 ménages, unit: places, ratio: {numerator: places, denominator: menages, scale: 1000}}
              - {id: urbain, nature: {ME: 1, CU: 1, CA: 0.5, CC: 0}}
            """)
        let scores = try fixture.scores(model)
        let first = scores.results[0].contributions, second = scores.results[1].contributions
        #expect(first.map(\.value) == [4, 7, 5, 0.5])
        #expect(first[2].lower == 4 && first[2].upper == 6)
        #expect(abs(second[1].value! - 8.4) < 1e-12)
        // A zero denominator is a missing figure, not infinity.
        #expect(second[2].value == nil && second[3].value == 1)
        #expect(first[3].unit == "points" && first[2].label == "Places pour 1 000 ménages")
    }

    @Test("bad models are errors naming the file and the field", arguments: [
        ("  - {id: a, weight: -1, direction: higher, high: h, low: l}", "", "indicators[0].weight: indicator a: the weight must be a positive number up to 1000000"),
        ("  - {id: a, weight: 1, direction: up, high: h, low: l}", "", "indicators[0].direction: indicator a: unknown direction 'up': use higher or lower"),
        ("  - {id: a, weight: 1, high: h, low: l}", "", "indicators[0].direction: indicator a: say direction: higher or lower, or give an ideal: value or [low, high]"),
        ("  - {id: a, weight: 1, ideal: [5, 2], high: h, low: l}", "", "indicators[0].ideal: an ideal range is written [low, high], low ≤ high"),
        ("  - {id: a, weight: 1, direction: higher, normalisation: rank, high: h, low: l}", "", "indicators[0].normalisation: indicator a: unknown normalisation 'rank': use percentile, minmax or zscore"),
        ("  - {id: a, weight: 1, direction: higher, winsorise: 0.1, high: h, low: l}", "", "indicators[0].winsorise: indicator a: winsorise and clip belong to normalisation: zscore"),
        ("  - {id: zz, weight: 1, direction: higher, high: h, low: l}", "", "indicators[0]: no catalogue indicator, constant or earlier derived indicator is called 'zz'"),
        ("  - {id: a, weight: 1, direction: higher, high: h, low: l}\n  - {id: a, weight: 1, direction: higher, high: h, low: l}", "", "indicators[1]: 'a' is used twice"),
        ("  - {id: a, weight: 1, direction: higher, high: h, low: l}", "derived:\n  - {id: d, unit: u, ratio: {numerator: a, denominator: e}}\n  - {id: e, unit: u, difference: [a, b]}",
         "derived[0] (d): no catalogue indicator, constant or earlier derived indicator is called 'e'"),
        ("  - {id: a, weight: 1, direction: higher, high: h, low: l}", "derived:\n  - {id: d, unit: u, difference: [a, b], product: {of: a, factor: 2}}",
         "derived[0]: derived d: give exactly one of ratio, difference, product, loc_avantages or nature"),
        ("  - {id: a, weight: 1, direction: higher, high: h, low: l}", "derived:\n  - {id: d, nature: {ME: 1, CA: 0}}", "derived[0].nature: derived d: give points to every nature; missing CC, CU"),
        ("  - {id: a, weight: 1, direction: higher, high: h, low: l}", "constants:\n  - {id: b, label: B, unit: u, value: 1, source: s}", "constants[0]: 'b' is already an indicator's id"),
    ])
    func badModels(indicators: String, extra: String, message: String) throws {
        let folder = TemporaryFolder()
        let error = inputError { _ = try Self.fixture.library(ModelYAML.essai(indicators, extra: extra), in: folder) }
        #expect(error?.file == folder.file("models/essai.yaml") && error?.message == message, "\(String(describing: error))")
    }

    @Test("bad classifications and policies are errors", arguments: [
        ("{method: manual, breaks: [60, 20]}", "", "classification: manual classes need classes − 1 ascending breaks"),
        ("{method: natural}", "", "classification: unknown classification 'natural': use quantiles, jenks, equal or manual"),
        ("{method: quantiles, classes: 3}", "", "classification: give one label per class (3), class 1 first"),
        ("{method: quantiles}", "aggregation: geometric", "the field 'floor' is missing"),
        ("{method: quantiles}", "aggregation: median", "aggregation: unknown aggregation 'median': use arithmetic or geometric"),
    ])
    func badPolicies(classes: String, extra: String, message: String) throws {
        let folder = TemporaryFolder()
        let error = inputError {
            _ = try Self.fixture.library(ModelYAML.essai("  - {id: a, weight: 1, direction: higher, high: h, low: l}", extra: extra, classes: classes), in: folder)
        }
        #expect(error?.file == folder.file("models/essai.yaml") && error?.message == message, "\(String(describing: error))")
        #expect(error?.location != nil, "a decoding error names its line")
    }
}
