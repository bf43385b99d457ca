import Foundation
import Propice
import PropiceGeometry
import Testing
import PropiceTestSupport

@Suite("Territories of a COG vintage")
struct TerritoriesTests {
    let folder = TemporaryFolder()

    @Test("commune codes keep five characters, Corsica's letters, and get back a dropped leading zero")
    func communeCodes() {
        #expect(CommuneCode("1001")?.value == "01001")
        #expect(CommuneCode(" 2a004 ")?.value == "2A004")
        #expect(CommuneCode("31555")?.departement.value == "31")
        #expect(CommuneCode("97411")?.departement.value == "974")
        #expect(CommuneCode("2B033")?.departement.value == "2B")
        for bad in ["", "123", "2C004", "7510A", "310555", "00000", "A1001"] {
            #expect(CommuneCode(bad) == nil, "\(bad)")
        }
    }

    @Test("département codes: two characters or three overseas, a dropped zero back, Corsica's letters in capitals")
    func departementCodes() {
        #expect(["1", "01", " 31 ", "2a", "2B", "971", "976"].map { DepartementCode($0)?.value } == ["01", "01", "31", "2A", "2B", "971", "976"])
        #expect(["", "0", "00", "2C", "123", "981", "3 1", "1.0", "٣١", "97a", "2 A", "é"].allSatisfy { DepartementCode($0) == nil })
        #expect(DepartementCode(" 2b ")?.value == "2B" && DepartementCode("7 ")?.value == "07")
        #expect(TerritoryCode.departement(DepartementCode("9")!) != TerritoryCode.commune(CommuneCode("09001")!))
    }

    @Test("codes print, compare and sort as their texts: every commune, EPCI and département of COG 2025, overseas and Corsica's")
    func codesAsTexts() throws {
        let territories = try Territories(membership: try Geodata.path("cog2025/communes-epci.csv"))
        func check<Code: Comparable & Hashable>(_ codes: [Code], _ text: (Code) -> String, _ read: (String) -> Code?) {
            let texts = codes.map(text)
            #expect(texts.allSatisfy { read($0).map(text) == $0 })
            #expect(codes.sorted().map(text) == texts.sorted())
            #expect(Set(codes).count == Set(texts).count)
        }
        let communes = Array(territories.communes.keys)
        check(communes, \.value, CommuneCode.init)
        check(Array(territories.epci.keys), \.value, EPCICode.init)
        let departements = Array(Set(communes.map(\.departement)))
        check(departements, \.value, DepartementCode.init)
        #expect(communes.contains(CommuneCode("2A004")!) && communes.contains(CommuneCode("97411")!))
        #expect(departements.count == 101 && departements.max()?.value == "976")
        #expect(CommuneCode("29999")! < CommuneCode("2A001")! && CommuneCode("2B999")! < CommuneCode("30001")!)
        #expect(DepartementCode("2B")! < DepartementCode("30")! && DepartementCode("971")! < DepartementCode("98")!)
        #expect(EPCICode("000000001")?.value == "000000001" && EPCICode("999999999")?.value == "999999999")
    }

    @Test("every possible commune code has a slot of its own; the vintage's communes are those the table lists, and no other")
    func communeSlots() throws {
        // Every code the reader accepts: two digits or 2A/2B, then three digits (00000 excepted).
        let heads = (0...99).map { String(format: "%02d", $0) } + ["2A", "2B"]
        var seen = [Bool](repeating: false, count: CommuneCode.slotCount), codes = 0
        for head in heads {
            for tail in 0...999 {
                guard let code = CommuneCode(head + String(format: "%03d", tail)) else { continue }
                #expect((0..<CommuneCode.slotCount).contains(code.slot), "\(code)")
                guard (0..<CommuneCode.slotCount).contains(code.slot) else { continue }
                #expect(!seen[code.slot], "\(code) shares slot \(code.slot)")
                seen[code.slot] = true
                codes += 1
            }
        }
        #expect(codes == CommuneCode.slotCount - 1)
        let territories = try Territories(membership: try Geodata.path("cog2025/communes-epci.csv"))
        var listed = 0
        for head in heads {
            for tail in 0...999 {
                guard let code = CommuneCode(head + String(format: "%03d", tail)) else { continue }
                #expect(territories.contains(code) == (territories.communes[code] != nil), "\(code)")
                if territories.contains(code) { listed += 1 }
            }
        }
        #expect(listed == territories.communes.count)
        #expect(territories.contains(CommuneCode("2A004")!) && territories.contains(CommuneCode("97411")!) && !territories.contains(CommuneCode("75101")!))
    }

    @Test("Paris, Marseille and Lyon arrondissements belong to their commune")
    func arrondissements() {
        #expect(CommuneCode("75108")?.municipality.value == "75056")
        #expect(CommuneCode("13216")?.municipality.value == "13055")
        #expect(CommuneCode("69381")?.municipality.value == "69123")
        #expect(CommuneCode("69123")?.municipality.value == "69123")
        #expect(CommuneCode("31555")?.municipality.value == "31555")
    }

    @Test("EPCI natures read the métropoles' aliases")
    func natures() {
        #expect(EPCINature(code: "METRO") == .me)
        #expect(EPCINature(code: "MET69") == .me)
        #expect(EPCINature(code: " cc ") == .cc)
        #expect(EPCINature(code: "SIVU") == nil)
        #expect(EPCINature(code: "\u{00A0}ca\t") == .ca && EPCINature(code: "Métro") == nil && EPCINature(code: "C A") == nil)
        #expect(EPCICode("243100518") != nil && EPCICode("ZZZZZZZZZ") == nil && EPCICode("24310051") == nil)
        #expect(EPCICode(" 243100518 ")?.value == "243100518" && EPCICode("2431 0518") == nil && EPCICode("２43100518") == nil)
    }

    @Test("COG 2025: every EPCI of epci.csv with its départements and régions, the four islands in none")
    func cog2025() throws {
        let territories = try Territories(membership: try Geodata.path("cog2025/communes-epci.csv"))
        #expect(territories.communes.count == 34_875)
        #expect(territories.communesWithoutEPCI.map(\.code.value) == ["22016", "29083", "29155", "85113"])
        // Against INSEE's own list of EPCI, read independently.
        let list = try TextTable(path: try Geodata.path("cog2025/epci.csv"))
        let code = try list.column("EPCI"), nature = try list.column("NATURE_EPCI")
        let departements = try list.column("DEPARTEMENTS_DE_L_EPCI")
        let regions = try list.column("REGIONS_DE_L_EPCI")
        #expect(territories.epci.count == list.rows.count)
        for row in list.rows {
            let epci = try #require(territories.epci[EPCICode(row[code])!], "\(row[code])")
            #expect(epci.nature.rawValue == row[nature])
            #expect(epci.departements.map(\.value) == row[departements].split(separator: "|").map(String.init).sorted(), "\(row[code])")
            #expect(epci.regions == row[regions].split(separator: "|").map(String.init).sorted(), "\(row[code])")
        }
        let toulouse = try #require(territories.epci[EPCICode("243100518")!])
        #expect(toulouse.name == "Toulouse Métropole" && toulouse.nature == .me && toulouse.communes.contains(CommuneCode("31555")!))
        let occitanie = StudyArea(region: "76", territories: territories).epci
        #expect(occitanie.count == list.rows.filter { $0[regions].split(separator: "|").contains("76") }.count)
        #expect(occitanie.filter(\.spansSeveralRegions).count == 6)
        #expect(occitanie.allSatisfy { epci in epci.communes.allSatisfy { territories.communes[$0]?.epci == epci.code } })
    }

    @Test("COG 2024's flat file: métropoles written METRO or MET69 are métropoles, régions unknown")
    func cog2024() throws {
        let territories = try Territories(membership: try Geodata.path("cog2024/communes_epci_2024_flat.csv"))
        #expect(territories.epci.count == 1_255)
        #expect(territories.epci[EPCICode("200046977")!]?.nature == .me) // Métropole de Lyon, MET69
        #expect(territories.epci[EPCICode("243100518")!]?.nature == .me) // Toulouse Métropole, METRO
        #expect(territories.communes[CommuneCode("31555")!]?.region == nil)
        #expect(territories.communes[CommuneCode("31555")!]?.departement.value == "31")
    }

    @Test("a bad code, a commune listed twice and an unknown nature are errors naming line and column")
    func errors() throws {
        func error(_ rows: String) -> InputError? {
            let path = folder.write("membership.csv", "DEPCOM;NOM_DEPCOM;EPCI;NOM_EPCI;NATURE_EPCI\n" + rows)
            do { _ = try Territories(membership: path); return nil } catch { return error as? InputError }
        }
        #expect(error("31555;Toulouse;243100518;Toulouse Métropole;ME\n7510A;X;243100518;T;ME\n")?.location == .line(3, column: 1))
        #expect(error("31555;Toulouse;243100518;T;ME\n31555;Toulouse;243100518;T;ME\n")?.message == "commune 31555 is listed twice")
        #expect(error("31555;Toulouse;243100518;T;SIVU\n")?.location == .line(2, column: 5))
        #expect(error("31555;Toulouse;2431005;T;ME\n")?.location == .line(2, column: 3))
        let path = folder.write("other.csv", "code;nom\n31555;Toulouse\n")
        #expect(throws: InputError.self) { try Territories(membership: path) }
    }

    @Test("the sources' tables read beside the membership table: a bad membership table is the error even when a source is bad too")
    func membershipErrorFirst() throws {
        let project = DemoProjectCopy()
        let source = "data/lovac-2025-communes/logement_vacants_communes.csv"
        project.folder.write(source, "garbage\n")
        let configuration = try ProjectConfiguration.load(path: project.configuration)
        #expect(throws: InputError(file: project.folder.file(source), message: "no column 'CODGEO_25'; the columns are garbage")) {
            try IndicatorInputs(configuration: configuration)
        }
        project.folder.write("data/communes-epci.csv", "x\n")
        #expect(throws: InputError(file: project.folder.file("data/communes-epci.csv"), message:
            "not a commune → EPCI membership table: expected DEPCOM, EPCI and NATURE_EPCI (or insee_com, siren_epci and type_epci); the columns are x")) {
            try IndicatorInputs(configuration: configuration)
        }
    }
}

@Suite("COG migration")
struct CommuneCodeMigrationTests {
    let folder = TemporaryFolder()

    @Test("the 2018 Occitanie communes reach COG 2025 with exactly the 40 merged codes migrated, all to Occitanie communes")
    func occitanie2018() throws {
        let migration = try CommuneCodeMigration(passage: try Geodata.path("cog2025/passage-communes-historique.csv"))
        var codes: [CommuneCode] = []
        for departement in ["09-ariege", "11-aude", "12-aveyron", "30-gard", "31-haute-garonne", "32-gers", "34-herault", "46-lot",
                            "48-lozere", "65-hautes-pyrenees", "66-pyrenees-orientales", "81-tarn", "82-tarn-et-garonne"] {
            let features = try readAll(try Geodata.path("cog2018-occitanie/communes-\(departement).geojson"))
            codes += try features.map { feature in
                guard case .string(let code)? = feature.properties["code"] else { throw InputError(file: departement, message: "no code") }
                return try #require(CommuneCode(code))
            }
        }
        #expect(codes.count == 4_485)
        let result = migration.migrate(codes)
        #expect(result.unknown.isEmpty)
        #expect(result.migrated.count == 40)
        let territories = try Territories(membership: try Geodata.path("cog2025/communes-epci.csv"))
        let current = Set(result.codes.compactMap { $0 })
        #expect(current.count == 4_446) // the Occitanie communes of COG 2025
        #expect(current.allSatisfy { territories.communes[$0]?.region == "76" })
        #expect(current == Set(territories.communes.values.filter { $0.region == "76" }.map(\.code)))
    }

    @Test("a code the table does not know is reported once; a code listed twice in the table is an error")
    func unknownAndDuplicates() throws {
        let path = folder.write("passage.csv", "DEPCOM_HIST,DEPCOM\n01001,01001\n01003,01165\n01165,01165\n")
        let migration = try CommuneCodeMigration(passage: path)
        let result = migration.migrate(["01003", "99999", "01001", "99999", "01003"].map { CommuneCode($0)! })
        #expect(result.codes.map { $0?.value } == ["01165", nil, "01001", nil, "01165"])
        #expect(result.migrated.map { [$0.from.value, $0.to.value] } == [["01003", "01165"]])
        #expect(result.unknown.map(\.value) == ["99999"])
        let twice = folder.write("twice.csv", "DEPCOM_HIST,DEPCOM\n01003,01165\n01003,01001\n")
        #expect(throws: InputError(file: twice, location: .line(3, column: 1), message: "commune 01003 is listed twice")) {
            try CommuneCodeMigration(passage: twice)
        }
    }
}
