import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// The Occitanie sources read once from ../shared/geodata, with the project's catalogue.
private let occitanie: Result<(IndicatorInputs, EPCIIndicators), any Error> = Result {
    let inputs = try IndicatorInputs(configuration: try Geodata.configuration(region: "76"))
    return (inputs, try inputs.aggregated())
}

@Suite("The three default models on the Occitanie files")
struct DefaultModelsTests {
    func scores() throws -> [ModelScores] {
        _ = try Geodata.path("cog2025/communes-epci.csv")
        let (inputs, aggregates) = try occitanie.get()
        let library = try ModelLibrary(folder: inputs.configuration.models, catalogue: inputs.catalogue)
        return library.models.map { ModelScores(figures: ModelFigures(model: $0, indicators: aggregates, catalogue: inputs.catalogue)) }
    }

    @Test("every EPCI gets a score with its class, rank and sensitivity, or a label with its reason")
    func everyEPCI() throws {
        let all = try scores().map { AnalysedScores($0) }
        #expect(all.map(\.model.id) == ["iml", "pensions-de-famille", "residences-sociales"])
        for analysed in all {
            let scores = analysed.scores
            #expect(scores.results.count == 164)
            for (result, sensitivity) in analysed.results {
                switch result.status {
                case .scored:
                    let score = try #require(result.score), sensitivity = try #require(sensitivity)
                    #expect((0...100).contains(score))
                    #expect((1...5).contains(result.classe!) && result.classLabel == scores.model.labels[result.classe! - 1])
                    #expect(sensitivity.draws == 1000 && sensitivity.rankLow <= sensitivity.medianRank && sensitivity.medianRank <= sensitivity.rankHigh)
                    let points = result.contributions.compactMap(\.points).reduce(0, +)
                    #expect(abs(points - score) < 1e-6, "\(scores.model.id) \(result.code): contributions \(points) ≠ score \(score)")
                    #expect(!result.sentence.isEmpty)
                case .insufficient(let reason), .excluded(let reason):
                    #expect(!reason.isEmpty && result.score == nil && result.rank == nil)
                    #expect(result.sentence.hasSuffix(reason + "."))
                }
            }
            let ranks = scores.ranking.map { $0.rank! }
            #expect(ranks.first == 1 && ranks == ranks.sorted())
        }
    }

    @Test("pensions de famille: exactly the EPCI under 10,000 inhabitants are excluded, each with its population")
    func minimumSize() throws {
        let model = try #require(try scores().first { $0.model.id == "pensions-de-famille" })
        let (_, aggregates) = try occitanie.get()
        for result in model.results {
            let population = try #require(aggregates["population", epci: result.code]?.value)
            if population < 10_000 {
                #expect(result.status == .excluded("Population municipale : \(FrenchNumber.format(population, decimals: 0))\u{A0}habitants, sous le minimum de 10\u{A0}000\u{A0}habitants fixé par le modèle"))
            } else {
                #expect(result.score != nil)
            }
        }
        #expect(model.results.filter { $0.score == nil }.count == 48)
    }

    @Test("explanations name synthetic inputs: Toulouse Métropole under each model")
    func toulouse() throws {
        for scores in try scores() {
            let toulouse = try #require(scores[EPCICode("243100518")!])
            #expect(toulouse.classe == 1, "\(scores.model.id)")
            #expect(toulouse.sentence.contains("(synthétique)"))
            let synthetic = Set(toulouse.contributions.filter(\.synthetic).map(\.id))
            #expect(synthetic.isDisjoint(with: ["ecart_loyer_social", "population", "caractere_urbain"]))
            #expect(synthetic.isSuperset(of: Set(toulouse.contributions.map(\.id)).intersection(["pression_demande", "demandes_sans_abri_ou_hebergees", "ais_aivs"])))
        }
    }
}
