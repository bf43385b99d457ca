import Foundation
import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// `propice build` on the real Occitanie files of ../shared/geodata, as geodata/occitanie.yaml runs it.
@Suite("propice build on Occitanie")
struct OccitanieBuildTests {
    let folder = TemporaryFolder()

    @Test("164 EPCI in every EPCI layer, RFC 7946, GDAL opens every format, identical bytes twice, queries by SIREN and name agree")
    func occitanie() throws {
        _ = try Geodata.path("cog2025/communes-metro.l93.geojson")
        let configuration = try ProjectConfiguration.load(path: Geodata.packageRoot + "/geodata/occitanie.yaml")
        let result = try ProjectBuild.run(configuration: configuration, output: folder.file("a"))
        #expect(result.epci == 164)
        let output = BuiltOutput(folder: folder.file("a"))
        for model in ["iml", "pensions_de_famille", "residences_sociales"] {
            for band in ["100m", "1000m"] { #expect(try output.checkRFC7946("epci_\(model)_\(band).geojson") == 164) }
        }
        #expect(try output.checkRFC7946("departements_1000m.geojson") == 13)
        for name in ["epci_iml_100m.geojson", "propice.topojson", "propice.gpkg"] {
            guard let opened = output.ogrinfo(name) else { continue }
            #expect(opened.ok, "ogrinfo \(name): \(opened.output.prefix(500))")
            #expect(opened.output.contains("Feature Count: 164"), "\(name)")
        }
        // The targets split with the iml model's scores are properties of its layers.
        let iml = try readAll(folder.file("a/epci_iml_100m.geojson"))
        #expect(iml.reduce(Int64(0)) { sum, feature in
            if case .integer(let part)? = feature.properties["objectif_iml_2027"] { sum + part } else { sum }
        } == 2300)
        #expect(output.files().keys.filter { $0.hasPrefix("allocation_") }.count == 10)
        _ = try ProjectBuild.run(configuration: configuration, output: folder.file("b"))
        let a = output.files(), b = BuiltOutput(folder: folder.file("b")).files()
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, bytes) in a where bytes != b[name] { Issue.record("\(name) differs between two builds") }

        let query = try TerritoryQuery(folder: folder.file("a"))
        let bySIREN = TerritoryQuery.text(try query.record("243100518").record)
        let byName = TerritoryQuery.text(try query.record("toulouse metropole").record)
        #expect(bySIREN == byName)
        #expect(bySIREN.hasPrefix("Intermédiation locative (IML) — Toulouse Métropole (243100518)"))
        #expect(bySIREN.contains("\n\nObjectifs territorialisés\n- Places nouvelles à créer en IML (hors reconstitution du stock) : "))
        #expect(bySIREN.contains("part synthétique 0\u{A0}%"))

        // Real files only: no synthetic input, no synthetic share, at least four indicators per model.
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data(TemporaryFolder.read(path: folder.file("a/metadata.json")))) as? [String: Any])
        #expect((metadata["sources_synthetiques"] as? [String]) == [])
        #expect((metadata["sources_synthetiques_exclues"] as? [String]) == ["finess-2024", "offre-existante-2024", "sne-2024"])
        let sources = try #require(metadata["sources"] as? [[String: Any]])
        #expect(sources.allSatisfy { $0["synthetique"] as? Bool == false && $0["licence"] as? String == "Licence Ouverte / Etalab 2.0" })
        for model in try #require(metadata["modeles"] as? [[String: Any]]) {
            #expect(model["part_synthetique"] as? Double == 0 && model["part_synthetique_max"] as? Double == 0)
            #expect(!((model["indicateurs_retires"] as? [[String: Any]]) ?? []).isEmpty)
        }
        for model in ["iml", "pensions_de_famille", "residences_sociales"] {
            let features = try readAll(folder.file("a/epci_\(model)_100m.geojson"))
            #expect(features.count == 164 && features.allSatisfy { $0.properties["part_synthetique"] == .real(0) })
            let names = features[0].properties.names
            let indicators = names.filter { $0.hasSuffix("_contribution") }
            #expect(indicators.count >= 4, "\(model) keeps \(indicators.count) indicators")
            #expect(names.filter { $0.hasSuffix("_synthetique") && $0 != "part_synthetique" }.allSatisfy { name in features.allSatisfy { $0.properties[name] == .bool(false) } })
            #expect(features.allSatisfy {
                if case .string(let text)? = $0.properties["explication"] { text.contains("Indicateurs retirés du modèle, faute de source réelle") } else { false }
            })
        }
        let csv = String(decoding: TemporaryFolder.read(path: folder.file("a/scores.csv")), as: UTF8.self)
        #expect(csv.hasPrefix(ScoresTable.header + "\n"))

        // Scored again from the records and metadata.json alone, as propice serve does, with the
        // models' weights: every published result, byte for byte, indicators left out included.
        let built = try JSONDecoder().decode(BuildMetadata.self, from: Data(TemporaryFolder.read(path: folder.file("a/metadata.json"))))
        let files = query.index.epci.map { folder.file("a/territoires/\($0.code).json") }
        let records = try files.map { try JSONDecoder().decode(TerritoryRecord.self, from: Data(TemporaryFolder.read(path: $0))) }
        // Each record's file is what JSONEncoder writes of it, byte for byte (targets, motives and bounds included).
        for (file, record) in zip(files, records) {
            #expect(try record.json() == TemporaryFolder.read(path: file), "\(file)")
            #expect(try record.json() == ProjectBuild.json(record), "\(file)")
        }
        #expect(records.contains { $0.targets.contains { $0.reason != nil || $0.upper != nil } })
        for entry in built.models {
            let scoring = try PublishedScoring(model: entry, records: records, files: files, metadataFile: folder.file("a/metadata.json"))
            let again = ModelScores(table: scoring.table)
            #expect(again.breaks == entry.breaks)
            #expect(again.results.count == 164)
            #expect(scoring.publishedRanks == records.map { $0.results.first { $0.model == entry.id }?.rank })
            for (result, record) in zip(again.results, records) {
                let published = try #require(record.results.first { $0.model == entry.id })
                #expect(ModelResult(result, meetsConstraints: published.meetsConstraints, sensitivity: published.sensitivity, model: scoring.model) == published,
                        "\(entry.id) \(result.code)")
            }
        }
    }

    @Test("propice validate on the real files: the workbook's EPCI sheet matches all 164 EPCI, LOVAC 2025's withheld cells counted, the synthetic sources named as left out")
    func validate() throws {
        _ = try Geodata.path("grille-densite-2025/fichier_diffusion_2025.xlsx")
        let inputs = try IndicatorInputs(configuration: try ProjectConfiguration.load(path: Geodata.packageRoot + "/geodata/occitanie.yaml"))
        let text = ValidationReport(inputs: inputs, aggregates: try inputs.aggregated()).text
        #expect(text.contains("\nsynthetic sources left out (synthetic: exclude): finess-2024, offre-existante-2024, sne-2024, with the indicators resting on them: "))
        #expect(!text.contains("SYNTHETIC"))
        #expect(text.contains("file grille-densite-2025/fichier_diffusion_2025.xlsx, sheet 'Maille EPCI', epci level\n  rows 1255 · matched 1255"))
        #expect(text.contains("\n  degre_densite_epci                              164        0        0       0      0  100 %\n"))
        #expect(text.contains("file insee-comparateur-2022/base_cc_comparateur_csv.zip, member base_cc_comparateur.CSV, commune level, COG 2021 codes\n  rows 35010 · arrondissements left out (their commune has a row) 45"))
        #expect(text.contains("lovac-2025-communes/logement_vacants_communes.csv, commune level\n  rows 34912 · matched 34869 · migrated 45 · unmatched 1 · masked cells 22135"))
    }
}
