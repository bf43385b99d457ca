import Foundation
import Testing
@testable import Propice
@testable import PropiceServer
import PropiceTestSupport

/// `GET /api/v1/scores/{modele}?poids.<indicateur>=<w>`: the build's models scored again in the
/// server with the same code, bounded and refused in JSON.
@Suite("propice serve: live weights")
struct ServerScoresTests {
    func records() throws -> [String: TerritoryRecord] {
        let folder = try ServedDemo.folder()
        let index = try TerritoryQuery(folder: folder).index
        return try Dictionary(uniqueKeysWithValues: index.epci.map { entry in
            (entry.code, try JSONDecoder().decode(TerritoryRecord.self, from: Data(TemporaryFolder.read(path: folder + "/territoires/\(entry.code).json"))))
        })
    }

    @Test("the model's own weights give exactly the build's scores, classes and ranks")
    func ownWeights() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        let records = try records()
        let metadata = try JSONDecoder().decode(BuildMetadata.self, from: Data(TemporaryFolder.read(path: try ServedDemo.folder() + "/metadata.json")))
        for model in metadata.models {
            let reply = try await server.request("/api/v1/scores/\(model.id)")
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.headers["Server-Timing"].first?.hasPrefix("rescore;dur=") == true)
            let json = try reply.json()
            #expect(json["poids_publies"] as? Bool == true)
            #expect(json["seuils"] as? [Double] == model.breaks)
            #expect((json["sensibilite"] as? String)?.hasPrefix("non recalculée") == true)
            #expect((json["avertissement"] as? String)?.contains("fictifs") == true)
            let epci = try #require(json["epci"] as? [[String: Any]])
            #expect(epci.count == records.count)
            var scored = 0
            for entry in epci {
                let code = try #require(entry["code_epci"] as? String)
                let published = try #require(records[code]?.results.first { $0.model == model.id })
                #expect(entry["statut"] as? String == published.status.rawValue, "\(code)")
                #expect(entry["score"] as? Double == published.score, "\(code)")
                #expect(entry["classe"] as? Int == published.classe, "\(code)")
                #expect(entry["classe_libelle"] as? String == published.classLabel, "\(code)")
                #expect(entry["rang"] as? Int == published.rank, "\(code)")
                #expect(entry["rang_publie"] as? Int == published.rank, "\(code)")
                #expect(entry["motif"] as? String == published.reason, "\(code)")
                #expect(abs((entry["part_synthetique"] as? Double ?? -1) - published.syntheticShare) < 1e-12, "\(code)")
                if published.rank != nil { #expect(entry["evolution_rang"] as? Int == 0); scored += 1 }
            }
            #expect(scored == model.scored && scored > 0)
        }
        try await server.stop()
    }

    @Test("other weights: a weight of zero removes an indicator's contribution, ranks move and say by how much")
    func zeroWeight() async throws {
        let folder = try ServedDemo.folder()
        let served = try ServedFolder(folder: folder, maxAge: 60)
        let scoring = try #require(served.scoring["iml"])
        let ids = scoring.model.indicators.map(\.id)
        let weights = try scoring.weights(from: [(ids[0], "0")]).get()
        #expect(weights[0] == 0 && Array(weights.dropFirst()) == scoring.model.indicators.dropFirst().map(\.weight))
        let scores = ModelScores(table: scoring.table, weights: weights)
        #expect(scoring.scores(weights: weights).scores == scores.results.map(\.score))
        for result in scores.results where result.score != nil {
            #expect(result.contributions[0].points == 0 && result.contributions[0].appliedWeight == 0)
            let total = result.contributions.compactMap(\.points).reduce(0, +)
            #expect(abs(total - result.score!) < 1e-6)
        }
        // With its weight at zero, the indicator's figures change nothing: scrambled, the same scores.
        let table = scoring.table
        var scrambled = table.figures
        scrambled[0] = scrambled[0].reversed()
        let other = ModelScores(table: ScoringTable(model: table.model, epci: table.epci, indicators: table.indicators,
                                                    figures: scrambled, constraintStatus: table.constraintStatus), weights: weights)
        #expect(other.results.map(\.score) == scores.results.map(\.score))
        #expect(ModelScores(table: table).results.map(\.score) != scores.results.map(\.score))

        let server = try await RunningServer(folder: folder)
        let reply = try await server.request("/api/v1/scores/iml?poids.\(ids[0])=0")
        let json = try reply.json()
        #expect(json["poids_publies"] as? Bool == false)
        let indicators = try #require(json["indicateurs"] as? [[String: Any]])
        #expect(indicators.map { $0["id"] as? String } == ids)
        #expect(indicators[0]["poids"] as? Double == 0 && indicators[0]["poids_modele"] as? Double == scoring.model.indicators[0].weight)
        #expect(indicators.dropFirst().allSatisfy { $0["poids"] as? Double == $0["poids_modele"] as? Double })
        let epci = try #require(json["epci"] as? [[String: Any]])
        let published = try records()
        var moved = 0
        for (entry, result) in zip(epci, scores.results) {
            #expect(entry["score"] as? Double == result.score)
            #expect(entry["rang"] as? Int == result.rank)
            let before = published[result.code.value]?.results.first { $0.model == "iml" }?.rank
            if let now = result.rank, let before {
                #expect(entry["evolution_rang"] as? Int == before - now)
                if before != now { moved += 1 }
            }
        }
        #expect(moved > 0)
        try await server.stop()
    }

    @Test("bad weights, unknown indicators and parameters, repeated weights and unknown models get JSON errors")
    func badRequests() async throws {
        let server = try await RunningServer(folder: try ServedDemo.folder())
        let id = try #require(try ServedFolder(folder: try ServedDemo.folder(), maxAge: 60).scoring["iml"]?.model.indicators.first?.id)
        let refusals = ServerRefusalTests()
        try refusals.expectError(try await server.request("/api/v1/scores/logement"), 404, containing: "aucun modèle logement")
        try refusals.expectError(try await server.request("/api/v1/scores/iml?poids.inconnu=3"), 400, containing: "pas d'indicateur inconnu")
        try refusals.expectError(try await server.request("/api/v1/scores/iml?poids=3"), 400, containing: "paramètre inconnu")
        let long = try await server.request("/api/v1/scores/iml?poids." + String(repeating: "a", count: 4000) + "=1")
        try refusals.expectError(long, 400, containing: "pas d'indicateur " + String(repeating: "a", count: 64) + " ;")
        #expect(long.body.count < 1000, "an error does not echo a long request")
        try refusals.expectError(try await server.request("/api/v1/scores/iml?bande=100m"), 400, containing: "paramètre inconnu")
        try refusals.expectError(try await server.request("/api/v1/scores/iml?poids.\(id)=1&poids.\(id)=2"), 400, containing: "plus d'une fois")
        for bad in ["abc", "", "nan", "1,5", String(repeating: "1", count: 40)] {
            try refusals.expectError(try await server.request("/api/v1/scores/iml?poids.\(id)=\(bad)"), 400, containing: "pas un nombre")
        }
        for bad in ["-1", "100.5", "inf", "1e3"] {
            try refusals.expectError(try await server.request("/api/v1/scores/iml?poids.\(id)=\(bad)"), 400, containing: "entre 0 et 100")
        }
        let all = try ServedFolder(folder: try ServedDemo.folder(), maxAge: 60).scoring["iml"]!.model.indicators.map { "poids.\($0.id)=0" }
        try refusals.expectError(try await server.request("/api/v1/scores/iml?" + all.joined(separator: "&")), 400, containing: "au moins un poids")
        #expect(try await server.request("/api/v1/scores/iml?poids.\(id)=100").status == 200)
        #expect(try await server.request("/api/v1/scores/iml?poids.\(id)=0.5").status == 200)
        try await server.stop()
    }
}
