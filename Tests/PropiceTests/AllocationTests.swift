import Foundation
import Testing
@testable import Propice
import PropiceGeometry
import PropiceTestSupport

/// The split of regional targets: largest remainders by hand, each method and its floors and
/// caps on a hand-made territory, and the Occitanie targets on the real files.
@Suite("Allocation of regional targets")
struct AllocationTests {
    let folder = TemporaryFolder()

    @Test("largest remainders by hand: rounding down, the largest remainders, ties to the larger weight then the earlier entry")
    func apportionment() throws {
        // 3.5, 2.1, 1.4: 3 + 2 + 1, and the unit left to the largest remainder (0.5).
        #expect(try Apportionment.whole(7, weights: [5, 3, 2], lower: [0, 0, 0], upper: [nil, nil, nil]) == [4, 2, 1])
        // Three equal remainders of 1/3 for one unit left: the earlier entry.
        #expect(try Apportionment.whole(10, weights: [1, 1, 1], lower: [0, 0, 0], upper: [nil, nil, nil]) == [4, 3, 3])
        // 0.5 and 1.5: equal remainders, the unit goes to the larger weight.
        #expect(try Apportionment.whole(2, weights: [1, 3], lower: [0, 0], upper: [nil, nil]) == [0, 2])
        // A cap: 5 and 5 would be the split; the first takes at most 3.
        #expect(try Apportionment.whole(10, weights: [1, 1], lower: [0, 0], upper: [3, nil]) == [3, 7])
        // A floor: 1 and 9 would be the split; the first takes at least 6, the second λ·9 = 4.
        #expect(try Apportionment.whole(10, weights: [1, 9], lower: [6, 0], upper: [nil, nil]) == [6, 4])
        // A zero weight takes its floor and nothing more.
        #expect(try Apportionment.whole(9, weights: [0, 1, 2], lower: [2, 0, 0], upper: [nil, nil, nil]) == [2, 2, 5])
        #expect(throws: Apportionment.Infeasible.self) { try Apportionment.whole(10, weights: [1, 1], lower: [0, 0], upper: [4, 5]) }
        #expect(throws: Apportionment.Infeasible.self) { try Apportionment.whole(10, weights: [0, 0], lower: [0, 0], upper: [nil, nil]) }
        let error = #expect(throws: Apportionment.Infeasible.self) { try Apportionment.whole(10, weights: [1, 1], lower: [6, 6], upper: [nil, nil]) }
        #expect(error?.description == "the minimums add up to 12, more than the 10 to split")
    }

    /// Four EPCI, two per département (01: A, B; 02: C, D), with their need, pending demand and
    /// model results.
    func territory() throws -> (Territories, EPCIIndicators, [EPCICode: EPCIScore]) {
        let path = folder.write("membership.csv", """
            DEPCOM,NOM_DEPCOM,EPCI,NOM_EPCI,DEP,NOM_DEP,REG,NATURE_EPCI
            01001,Un,200000001,CC A,01,Un,84,CC
            01002,Deux,200000002,CC B,01,Un,84,CC
            02001,Trois,200000003,CA C,02,Deux,84,CA
            02002,Quatre,200000004,CA D,02,Deux,84,CA

            """)
        let territories = try Territories(membership: path)
        let epci = territories.epci.values.sorted { $0.code < $1.code }
        func figures(_ values: [Double?]) -> [IndicatorAggregate] {
            values.map { IndicatorAggregate(value: $0, lower: $0, upper: $0, completeness: $0 == nil ? 0 : 1, estimated: false) }
        }
        let indicators = EPCIIndicators(epci: epci, values: ["besoin": figures([10, 30, 20, 40]), "demande": figures([100, 100, 100, 12])])
        func result(_ siren: String, _ score: Double?, _ classe: Int?) throws -> (EPCICode, EPCIScore) {
            let code = try #require(EPCICode(siren)), epci = try #require(territories.epci[code])
            return (code, EPCIScore(code: code, name: epci.name, nature: epci.nature, status: score == nil ? .insufficient("m") : .scored,
                                    score: score, classe: classe, classLabel: "l", rank: score == nil ? nil : 1, scored: 3,
                                    percentile: score == nil ? nil : 50, completeness: 1, contributions: [], sentence: "e"))
        }
        let results = Dictionary(uniqueKeysWithValues: [try result("200000001", 80, 1), try result("200000002", 20, 2),
                                                        try result("200000003", 50, 1), try result("200000004", nil, nil)])
        return (territories, indicators, results)
    }

    func programme(_ yaml: String) throws -> ProgrammeTarget {
        let path = folder.write("targets.yaml", "territory: t\nsource: s\nprogrammes:\n" + yaml)
        return try TargetsFile.load(path: path).programmes[0]
    }

    func split(_ yaml: String) throws -> TargetAllocation {
        let (territories, indicators, results) = try territory()
        let programme = try programme(yaml)
        return try TargetAllocation(programme: programme, area: StudyArea(territories: territories), territories: territories,
                                    indicators: indicators, scores: results, realised: try programme.realised.map { try RealisedFigures(path: $0) })
    }

    func parts(_ allocation: TargetAllocation, _ year: Int) -> [Int] { allocation.epci.map { $0.milestones[year]! } }

    @Test("need: départements in proportion to their needs, then their EPCI; milestones split alike and never decreasing")
    func need() throws {
        let allocation = try split("""
              - {id: a, label: A, unit: places, source: s, method: need, need: besoin, milestones: {2023: 25, 2024: 50, 2025: 100}}
            """)
        // Needs 10, 30 | 20, 40: départements 40 and 60, then 10 + 30 and 20 + 40.
        #expect(parts(allocation, 2025) == [10, 30, 20, 40])
        #expect(allocation.departements.map { $0.milestones[2025]! } == [40, 60])
        // 25: départements 10 and 15; EPCI 2.5 + 7.5 (tie: the larger weight, B) and 5 + 10.
        #expect(parts(allocation, 2023) == [2, 8, 5, 10])
        #expect(parts(allocation, 2024) == [5, 15, 10, 20])
        for year in [2023, 2024, 2025] {
            #expect(allocation.epci.reduce(0) { $0 + $1.milestones[year]! } == [2023: 25, 2024: 50, 2025: 100][year])
        }
    }

    @Test("need × score: scores weigh the need; données insuffisantes get nothing where the model says so")
    func needScore() throws {
        let allocation = try split("""
              - {id: a, label: A, unit: places, source: s, model: m, method: need_score, need: besoin, milestones: {2027: 100},
                 zero_where: [donnees_insuffisantes]}
            """)
        // Keys 8, 6 | 10, 0 (D has no score): départements 14/24 and 10/24 of 100: 58.33 and 41.67 → 58 and 42;
        // within 01: 8/14 and 6/14 of 58 = 33.14 and 24.86 → 33 and 25.
        #expect(allocation.epci.map(\.weight) == [8, 6, 10, 0])
        #expect(parts(allocation, 2027) == [33, 25, 42, 0])
        #expect(allocation.epci[3].reason == "l")
    }

    @Test("class quotas: each class its share, split within it by need")
    func classQuotas() throws {
        let allocation = try split("""
              - {id: a, label: A, unit: places, source: s, model: m, method: class_quotas, need: besoin, quotas: [0.75, 0.25], milestones: {2027: 100}}
            """)
        // Class 1: A (need 10) and C (20) share 75: 25 and 50; class 2: B alone takes 25; D has no score.
        #expect(parts(allocation, 2027) == [25, 25, 50, 0])
    }

    @Test("floors per département and per EPCI of the top classes, caps as a share of a figure; floors above the target are an error")
    func floorsAndCaps() throws {
        let capped = try split("""
              - {id: a, label: A, unit: places, source: s, method: need, need: besoin, milestones: {2027: 100}, cap: {of: demande, share: 0.5}}
            """)
        // Caps 50, 50, 50 and 6 (half of 12). Département 02 would take 60 but can take 56: C 50
        // and D 6, both capped; 01 takes the 44 left, 11 and 33 by need.
        #expect(capped.epci.map(\.upper) == [50, 50, 50, 6])
        #expect(parts(capped, 2027) == [11, 33, 50, 6])
        let floored = try split("""
              - {id: a, label: A, unit: places, source: s, model: m, method: need, need: besoin, milestones: {2027: 100},
                 floors: {departement: 45, epci: 15, classes: 1}}
            """)
        // Each département takes at least 45: 01 (40 by need) is raised to 45, 02 keeps 55.
        // In 01, A (class 1) takes at least 15: 15 and 30. In 02, 18.33 and 36.67: 18 and 37.
        #expect(floored.departements.map { $0.milestones[2027]! } == [45, 55])
        #expect(parts(floored, 2027) == [15, 30, 18, 37])
        let error = #expect(throws: Apportionment.Infeasible.self) {
            try split("""
                  - {id: a, label: A, unit: places, source: s, method: need, need: besoin, milestones: {2027: 100}, floors: {departement: 60}}
                """)
        }
        #expect(error?.description.contains("the minimums add up to 120, more than the 100 to split") == true)
    }

    @Test("progress: realised figures per EPCI or département and year, and the gap to the milestone in the tables")
    func progress() throws {
        // Département 02 written as a spreadsheet writes it, its zero dropped.
        _ = folder.write("realise.csv", "code;annee;realise\n200000001;2023;1\n200000002;2023;9\n2;2023;20\n")
        let allocation = try split("""
              - {id: a, label: A, unit: places, source: s, method: need, need: besoin, milestones: {2023: 25, 2024: 50, 2025: 100},
                 realised: realise.csv}
            """)
        // Parts in 2023: 2, 8 | 5, 10. Realised: A 1 (−1), B 9 (+1); département 01 their sum 10 (0), 02 given, 20 (+5).
        #expect(allocation.epci.map { $0.realised[2023] } == [1, 9, nil, nil])
        #expect(allocation.departements.map { $0.realised[2023] } == [10, 20])
        let epci = AllocationTable.epci(allocation).split(separator: "\n")
        #expect(epci[0].hasSuffix("objectif_2023,objectif_2024,objectif_2025,realise_2023,ecart_2023,realise_2024,ecart_2024,realise_2025,ecart_2025"))
        #expect(epci[1].hasSuffix(",2,5,10,1,-1,,,,"))
        let departements = AllocationTable.departements(allocation).split(separator: "\n")
        #expect(departements[2] == "a,02,Deux,60,0.6,0,,15,30,60,20,5,,,,")
        _ = folder.write("realise.csv", "code;annee;realise\n200000001;vingt;1\n")
        let error = #expect(throws: InputError.self) {
            try split("  - {id: a, label: A, unit: p, source: s, method: need, need: besoin, milestones: {2023: 25}, realised: realise.csv}")
        }
        #expect(error?.message.contains("'vingt' is not a year") == true)
        _ = folder.write("realise.csv", "code;annee;realise\n2000;2023;1\n")
        let code = #expect(throws: InputError.self) {
            try split("  - {id: a, label: A, unit: p, source: s, method: need, need: besoin, milestones: {2023: 25}, realised: realise.csv}")
        }
        #expect(code?.description.hasSuffix("realise.csv: line 2, column 1: '2000' is neither a SIREN nor a département code") == true, "\(String(describing: code))")
        _ = folder.write("realise.csv", "code;annee;realise\n02;2023;1\n2;2023;3\n")
        let twice = #expect(throws: InputError.self) {
            try split("  - {id: a, label: A, unit: p, source: s, method: need, need: besoin, milestones: {2023: 25}, realised: realise.csv}")
        }
        #expect(twice?.description.hasSuffix("realise.csv: line 3, column 1: 02 in 2023 is given twice") == true, "\(String(describing: twice))")
    }

    @Test("propice allocate writes each programme's tables and prints the départements' parts")
    func command() throws {
        _ = try Geodata.path("cog2025/communes-epci.csv")
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first")
        let output = folder.file("out")
        let status = system("\(PropiceExecutable.path) allocate --config \(Geodata.packageRoot)/geodata/occitanie.yaml --programme iml "
                            + "--output \(output) > \(folder.file("stdout.txt")) 2>&1")
        #expect(status == 0)
        let printed = String(decoding: folder.read("stdout.txt"), as: UTF8.self)
        #expect(printed.contains("      total                         460    920   1380   1840   2300"))
        #expect(folder.names().contains("out"))
        let epci = String(decoding: folder.read("out/allocation_iml_epci.csv"), as: UTF8.self).split(separator: "\n")
        #expect(epci.count == 165)
        let departements = String(decoding: folder.read("out/allocation_iml_departements.csv"), as: UTF8.self).split(separator: "\n")
        #expect(departements.dropFirst().map { Int($0.split(separator: ",").last!)! }.reduce(0, +) == 2300)
        let unknown = system("\(PropiceExecutable.path) allocate --config \(Geodata.packageRoot)/geodata/occitanie.yaml --programme nul "
                             + "--output \(output) > \(folder.file("stdout.txt")) 2>&1")
        #expect(unknown >> 8 == 1)
        #expect(String(decoding: folder.read("stdout.txt"), as: UTF8.self).contains("no programme 'nul'; the programmes are iml, pensions-de-famille"))
    }

    @Test("bad targets files: decreasing milestones, a method without its model, missing quotas")
    func badTargets() throws {
        for (yaml, message) in [
            ("  - {id: a, label: A, unit: p, source: s, method: need, need: b, milestones: {2023: 10, 2024: 5}}", "never decreasing"),
            ("  - {id: a, label: A, unit: p, source: s, method: need_score, need: b, milestones: {2023: 10}}", "method need_score needs a model"),
            ("  - {id: a, label: A, unit: p, source: s, model: m, method: class_quotas, need: b, milestones: {2023: 10}}", "class_quotas needs quotas"),
        ] {
            let error = inputError { _ = try programme(yaml) }
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        }
    }

    @Test("raising one need never lowers its share, continuous or whole; sums stay exact")
    func monotonicity() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let count = Int.random(in: 2...12, using: &random)
            let weights = (0..<count).map { _ in Double(Int.random(in: 1...100, using: &random)) }
            let total = Int.random(in: 1...200, using: &random)
            let i = Int.random(in: 0..<count, using: &random)
            var raised = weights
            raised[i] += Double(Int.random(in: 1...50, using: &random))
            let lower = [Int](repeating: 0, count: count), upper = [Int?](repeating: nil, count: count)
            let before = try Apportionment.continuous(Double(total), weights: weights, lower: lower.map(Double.init), upper: upper.map { _ in nil })
            let after = try Apportionment.continuous(Double(total), weights: raised, lower: lower.map(Double.init), upper: upper.map { _ in nil })
            #expect(after[i] >= before[i] - 1e-9)
            // With one weight raised and the others kept, the largest remainder cannot take a
            // unit from it: its quota rises, the others' fall, and an entry whose quota falls
            // below a whole number takes back the unit it freed.
            let wholeBefore = try Apportionment.whole(total, weights: weights, lower: lower, upper: upper)
            let wholeAfter = try Apportionment.whole(total, weights: raised, lower: lower, upper: upper)
            #expect(wholeAfter[i] >= wholeBefore[i], "\(total) among \(weights), entry \(i) raised to \(raised[i])")
            #expect(wholeAfter.reduce(0, +) == total)
        }
    }

    @Test("across départements and EPCI: raising an EPCI's need lowers its part by one unit at most (the Alabama paradox of the second level); milestones never decrease")
    func twoLevels() throws {
        var random = SystemRandomNumberGenerator()
        let (territories, _, results) = try territory()
        let epci = territories.epci.values.sorted { $0.code < $1.code }
        for _ in 0..<300 {
            let needs = (0..<4).map { _ in Double(Int.random(in: 1...60, using: &random)) }
            let i = Int.random(in: 0..<4, using: &random)
            var raised = needs
            raised[i] += Double(Int.random(in: 1...30, using: &random))
            let years = [2023: Int.random(in: 0...40, using: &random)]
            let target = years[2023]! + Int.random(in: 0...80, using: &random)
            let yaml = "  - {id: a, label: A, unit: p, source: s, method: need, need: besoin, milestones: {2023: \(years[2023]!), 2027: \(target)}}"
            let programme = try programme(yaml)
            func allocate(_ values: [Double]) throws -> TargetAllocation {
                let figures = values.map { IndicatorAggregate(value: $0, lower: $0, upper: $0, completeness: 1, estimated: false) }
                return try TargetAllocation(programme: programme, area: StudyArea(territories: territories), territories: territories,
                                            indicators: EPCIIndicators(epci: epci, values: ["besoin": figures]), scores: results)
            }
            let before = try allocate(needs), after = try allocate(raised)
            let (a, b) = (before.epci[i].milestones[2027]!, after.epci[i].milestones[2027]!)
            #expect(b >= a - 1)
            for allocation in [before, after] {
                #expect(allocation.epci.reduce(0) { $0 + $1.milestones[2027]! } == target)
                #expect(allocation.epci.reduce(0) { $0 + $1.milestones[2023]! } == years[2023]!)
                #expect(allocation.epci.allSatisfy { $0.milestones[2023]! <= $0.milestones[2027]! })
                for d in allocation.departements {
                    #expect(allocation.epci.filter { $0.departement == d.code }.reduce(0) { $0 + $1.milestones[2027]! } == d.milestones[2027]!)
                }
            }
        }
    }

    @Test("the Occitanie targets: exact sums at every level and year, floors, caps and zeros honoured; impossible floors are an error")
    func occitanie() throws {
        _ = try Geodata.path("cog2025/communes-epci.csv")
        let configuration = try ProjectConfiguration.load(path: Geodata.packageRoot + "/geodata/occitanie.yaml")
        let targets = try TargetsFile.load(path: try #require(configuration.targets))
        let inputs = try IndicatorInputs(configuration: configuration)
        let aggregates = try inputs.aggregated()
        let library = try ModelLibrary(folder: configuration.models, catalogue: inputs.catalogue)
        let scores = library.models.map { ModelScores(figures: ModelFigures(model: $0, indicators: aggregates, catalogue: inputs.catalogue)) }
        let allocations = try TargetAllocation.programmes(targets, inputs: inputs, indicators: aggregates, scores: scores)
        #expect(allocations.map(\.programme.id) == ["iml", "pensions-de-famille", "residences-sociales", "attributions-hebergement", "attributions-sans-abri"])
        #expect(allocations.map(\.programme.target) == [2300, 915, 2000, 5600, 2960])
        for allocation in allocations {
            let programme = allocation.programme
            #expect(allocation.epci.count == 164 && allocation.departements.count == 13)
            for year in programme.years {
                #expect(allocation.epci.reduce(0) { $0 + $1.milestones[year]! } == programme.milestones[year]!, "\(programme.id) \(year)")
                #expect(allocation.departements.reduce(0) { $0 + $1.milestones[year]! } == programme.milestones[year]!)
                for d in allocation.departements {
                    #expect(allocation.epci.filter { $0.departement == d.code }.reduce(0) { $0 + $1.milestones[year]! } == d.milestones[year]!)
                }
            }
            for share in allocation.epci {
                let values = programme.years.map { share.milestones[$0]! }
                #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "\(programme.id) \(share.code) decreases")
                #expect(values.last! >= share.lower && values.last! <= (share.upper ?? .max))
                if let status = share.status, programme.zeroWhere.contains(status) { #expect(values.last! == 0) }
            }
        }
        let iml = allocations[0]
        #expect(iml.departements.allSatisfy { $0.milestones[2027]! >= 20 })
        for share in iml.epci {
            let vacant = try #require(aggregates["vacants_prives_2ans", epci: share.code]?.value)
            #expect(Double(share.milestones[2027]!) <= 0.5 * vacant)
        }
        let pensions = allocations[1]
        #expect(pensions.epci.filter { $0.classe == 1 }.allSatisfy { $0.milestones[2027]! >= 15 })
        #expect(pensions.epci.filter { $0.status == .excluded }.count == 48)
        #expect(allocations[2].departements.allSatisfy { $0.milestones[2027]! >= 20 }, "one new résidence sociale at least per département")

        // Floors above the target: a clear error, no overshoot.
        var impossible = targets
        impossible.programmes = [targets["residences-sociales"]!]
        impossible.programmes[0].floors = ProgrammeTarget.Floors(departement: 200, epci: nil, classes: nil)
        let error = inputError { _ = try TargetAllocation.programmes(impossible, inputs: inputs, indicators: aggregates, scores: scores) }
        #expect(error?.message == "residences-sociales: cannot be split: 2\u{00A0}000 places among 13 départements: the minimums add up to 2\u{00A0}600, more than the 2\u{00A0}000 to split")
    }
}
