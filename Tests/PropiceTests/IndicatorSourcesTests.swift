import Foundation
import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// Every source of `geodata/sources`, read once for all of COG 2025 from ../shared/geodata.
private let france: Result<IndicatorInputs, any Error> = Result {
    try IndicatorInputs(configuration: try Geodata.configuration(region: nil))
}

/// The lines of a comma-separated file without quotes, split plainly: an independent reader.
private func plainRows(_ relative: String) throws -> [[String]] {
    try String(contentsOfFile: try Geodata.path(relative), encoding: .utf8)
        .split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

@Suite("Indicator sources on the real files")
struct IndicatorSourcesTests {
    func inputs() throws -> IndicatorInputs {
        _ = try Geodata.path("cog2025/communes-epci.csv")
        return try france.get()
    }

    func source(_ id: String) throws -> SourceData {
        try #require(try inputs().sources.first { $0.declaration.id == id })
    }

    @Test("a source's positions: by bisection and in one pass over sorted communes they agree, and hold its codes only")
    func positions() throws {
        let communes = try inputs().territories.communes.keys.sorted()
        for id in ["population-2021", "anil-loyers-appartements-2018", "finess-2024"] {
            let source = try source(id)
            let inOnePass = source.positions(ofSorted: communes)
            #expect(inOnePass == communes.map { source.position(of: .commune($0)) }, "\(id)")
            let codes = Set(source.codes)
            #expect(inOnePass.compactMap { $0 }.map { source.codes[$0] } == communes.map { .commune($0) }.filter(codes.contains))
            #expect(source.position(of: .epci(EPCICode("200054781")!)) == nil, "a code of another level is in no source of communes")
        }
    }

    @Test("every catalogue source reads whole: nothing unmatched, every point in a commune, the habits' figures")
    func catalogue() throws {
        let inputs = try inputs()
        let files = try FileManager.default.contentsOfDirectory(atPath: Geodata.packageRoot + "/geodata/sources").filter { $0.hasSuffix(".yaml") }
        #expect(inputs.sources.count == files.count)
        for source in inputs.sources {
            // Only the overseas collectivities outside the COG's communes (Saint-Martin,
            // Saint-Pierre-et-Miquelon, Polynesia…) go unmatched, where a source lists them.
            let overseas = source.report.unmatched.allSatisfy { $0.code.hasPrefix("97") || $0.code.hasPrefix("98") }
            #expect(source.declaration.unmatched == .list ? overseas : source.report.unmatched.isEmpty, "\(source.declaration.id)")
        }
        let population = try source("population-2021")
        #expect(population.report.filteredOut == 793 && population.report.repeatedRows == 439)
        let lovac = try source("lovac-departements")
        #expect(lovac.report.matched == 101 && lovac.value("vacants_departement", for: "01") == .known(19805))
        #expect(lovac.value("vacants_2ans_departement", for: "01") == .known(12070))
        let barometre = try source("barometre-ind-295")
        #expect(barometre.report.matched == 101 && barometre.value("acces_logement_social_sans_abri_departement", for: "31") == .known(3113))
        let supply = try source("offre-existante-2024")
        #expect(supply.report.matched == 1255 && supply.report.withoutEPCI == 1)
        #expect(try source("sne-2024").report.masked > 0)
        let lovac2025 = try source("lovac-communes-2025")
        #expect(lovac2025.report.masked == 22135 && lovac2025.report.unmatched.map(\.code) == ["97127"])
        #expect(lovac2025.value("vacants_prives_2ans", for: "01004") == .known(207))
        #expect(lovac2025.value("vacants_prives_2ans", for: "01002") == CellValue(lower: 0, upper: 10))
        #expect(lovac2025.value("vacants_prives_2ans", for: "13055") == .known(Self.marseilleArrondissements))
        let zonage = try source("zonage-abc-2024")
        #expect(zonage.value("part_menages_zone_tendue", for: "31555") == .known(1) && zonage.value("part_menages_zone_tendue", for: "01001") == .known(0))
        let filosofi = try source("filosofi-2020")
        #expect(filosofi.value("revenu_median", for: "31555") == .known(21730) && filosofi.value("taux_pauvrete", for: "31555") == .known(20))
        #expect(filosofi.value("taux_pauvrete", for: "01001") == CellValue(lower: 0, upper: nil))
        let comparateur = try source("comparateur-2022")
        #expect(comparateur.report.arrondissementsLeftOut == 45 && comparateur.value("logements_recensement", for: "01001")?.lower == 353.730434782608)
        let grid = try source("grille-densite-2025-epci")
        #expect(grid.report.rows == 1255 && grid.report.matched == 1255 && grid.value("degre_densite_epci", for: "243100518") == .known(1))
        let anct = try source("anct-programmes-2023")
        #expect(anct.value("france_services", for: "02237") == .known(2), "'703 ; 2907' lists two France services")
        #expect(anct.value("communes_pvd", for: "31028") == .known(1) && anct.value("france_services", for: "31028") == .known(1))
        #expect(anct.value("communes_pvd", for: "31555") == .known(0))
        #expect(try source("anct-ort").report.matched > 2000)
    }

    /// LOVAC 2025's Marseille: the sum of its 16 arrondissements' rows, every one published.
    static let marseilleArrondissements: Double = {
        let text = String(decoding: (try? FileContents.read(Geodata.folder + "/lovac-2025-communes/logement_vacants_communes.csv")) ?? [], as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("132") }.compactMap { Double($0.split(separator: ";").last!) }.reduce(0, +)
    }()

    @Test("Toulouse Métropole's population, and every Occitanie EPCI's, is the sum of its communes' after dropping the postal-code rows")
    func population() throws {
        let inputs = try inputs()
        // Independently: one row per commune, arrondissements to their commune, COG 2024 → 2025.
        let current = Dictionary(try plainRows("cog2025/passage-communes-historique.csv").map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        let epciOf = Dictionary(uniqueKeysWithValues: try plainRows("cog2025/communes-epci.csv").map { ($0[0], $0[2]) })
        var seen = Set<String>(), sums: [String: Int] = [:]
        for row in try plainRows("insee-population-2021/communes.csv") where row[6] != "COMD" && seen.insert(row[0]).inserted {
            let code = row[0].hasPrefix("751") ? "75056" : row[0].hasPrefix("132") ? "13055" : row[0].hasPrefix("6938") ? "69123" : row[0]
            sums[epciOf[current[code]!]!, default: 0] += Int(row[11])!
        }
        let aggregates = try inputs.aggregated()
        let toulouse = try #require(aggregates["population", epci: EPCICode("243100518")!])
        #expect(toulouse.value == Double(sums["243100518"]!) && toulouse.completeness == 1)
        let occitanie = StudyArea(region: "76", territories: inputs.territories).epci
        #expect(occitanie.count == 164)
        for epci in occitanie { #expect(aggregates["population", epci: epci.code]?.value == Double(sums[epci.code.value]!), "\(epci.code)") }
    }

    @Test("ANIL's unpadded codes join 4,445 of 4,446 Occitanie communes; 12218, created since, is reported and valued from its former communes")
    func anil() throws {
        let inputs = try inputs()
        let occitanie = Set(inputs.territories.communes.values.filter { $0.region == "76" }.map(\.code.value))
        #expect(occitanie.count == 4446)
        let table = try TextTable(path: try Geodata.path("anil-loyers-2018/indicateurs-loyers-appartements.csv"))
        let insee = try table.column("INSEE")
        let padded = Set((0..<table.count).compactMap { CommuneCode(table[$0, insee])?.value })
        #expect(occitanie.subtracting(padded) == ["12218"])
        let anil = try source("anil-loyers-appartements-2018")
        let into12218 = anil.report.migrated.filter { $0.to.value == "12218" }.map(\.from.value)
        #expect(into12218.contains("12076"))
        #expect(anil.report.valuedFromFormerCodes.filter { occitanie.contains($0.commune.value) }.map(\.commune.value) == ["12218"])
        #expect(occitanie.allSatisfy { anil.position(of: TerritoryCode(stringLiteral: $0)) != nil })
        let rents = into12218.compactMap { code in (0..<table.count).first { CommuneCode(table[$0, insee])?.value == code } }
            .map { Double(table[$0, try! table.column("loypredm2")].replacingOccurrences(of: ",", with: "."))! }
        #expect(abs(anil.value("loyer_appartement_m2", for: "12218")!.lower - rents.reduce(0, +) / Double(rents.count)) < 1e-9)
    }

    @Test("facility points fall in communes by point-in-polygon and their capacities add up by category")
    func facilities() throws {
        let inputs = try inputs()
        let finess = try source("finess-2024")
        #expect(finess.report.outside.isEmpty && finess.report.rows == 825)
        let table = try TextTable(path: try Geodata.path("synthetic/finess-etablissements-2024.csv"))
        let category = try table.column("categetab"), capacity = try table.column("capacite")
        let aggregates = try inputs.aggregated()
        for (id, code) in [("places_pension_famille", "258"), ("places_residence_sociale", "259"), ("places_chrs", "214")] {
            let expected = (0..<table.count).filter { table[$0, category] == code }.reduce(0.0) { $0 + Double(table[$1, capacity])! }
            let inEPCI = aggregates.values[id]!.reduce(0.0) { $0 + ($1.value ?? 0) }
            let outsideEPCI = inputs.territories.communesWithoutEPCI.reduce(0.0) { $0 + (finess.value(id, for: .commune($1.code))?.lower ?? 0) }
            #expect(inEPCI + outsideEPCI == expected, "\(id)")
        }
    }

    @Test("LOVAC département figures spread to EPCI by households add back up to each département's figure, flagged as estimates")
    func spread() throws {
        let inputs = try inputs()
        let aggregates = try inputs.aggregated()
        let total = aggregates.values["vacants_departement"]!.reduce(0.0) { $0 + ($1.value ?? 0) }
        let lovac = try source("lovac-departements"), population = try source("population-2021")
        // Each département's figure times the share of its households that live in an EPCI
        // (not on the four islands in none); Mayotte has no households in the 2021 file.
        var households: [DepartementCode: Double] = [:], inEPCI: [DepartementCode: Double] = [:]
        for commune in inputs.territories.communes.values {
            let h = population.value("menages", for: .commune(commune.code))?.lower ?? 0
            households[commune.departement, default: 0] += h
            if commune.epci != nil { inEPCI[commune.departement, default: 0] += h }
        }
        let expected = lovac.codes.reduce(0.0) { sum, code in
            guard case .departement(let d) = code else { Issue.record("\(code) is not a département"); return sum }
            return households[d, default: 0] > 0 ? sum + lovac.value("vacants_departement", for: code)!.lower * inEPCI[d]! / households[d]! : sum
        }
        #expect(abs(total - expected) < 1e-6 * expected)
        #expect(aggregates.values["vacants_departement"]!.allSatisfy { $0.value == nil || $0.estimated })
    }
}
