import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

/// The catalogue's habits for the producers' words and lists: categories shared out by a
/// weight, lists of identifiers counted, and withheld cells bounded by a département total.
@Suite("Categories, items and withheld totals")
struct SourceHabitsTests {
    /// A zonage source whose zones map to figures by `categories`, shared out by households.
    static func zonage(_ categories: String) -> String {
        """
        id: zonage
        title: Zonage
        producer: essai
        vintage: "2024"
        path: zonage.csv
        format: {delimiter: ";"}
        level: commune
        key: CODGEO
        indicators:
          - {id: tendue, column: Zone, unit: "%", categories: \(categories), aggregate: share, weight: menages}
        """
    }

    /// A count per commune withheld under 11, with `options` added to its indicator.
    static func vacancy(_ options: String) -> String {
        """
        id: communes
        title: Par commune
        producer: essai
        vintage: "2025"
        path: communes.csv
        format: {delimiter: ";", secret: [s], secrecy_threshold: 11}
        level: commune
        key: CODGEO
        indicators:
          - {id: vacants, column: vacants, unit: logements\(options)}
        """
    }

    @Test("a commune's category shared out as the share of the EPCI's households living in communes of that class")
    func categoriesShare() throws {
        let project = MiniProject()
        project.addSource("zonage", table: "CODGEO;Zone\n01001;A\n01002;C\n01003;B1\n", yaml: Self.zonage("{Abis: 1, A: 1, B1: 1, B2: 0, C: 0}"))
        let aggregates = try project.inputs().aggregated()
        // 100 households in zone A out of 400; 200 of 200 known (01004, 400 households, has no row).
        #expect(aggregates["tendue", epci: EPCICode("200000001")!] == IndicatorAggregate(value: 25, lower: 25, upper: 25, completeness: 1, estimated: false))
        #expect(aggregates["tendue", epci: EPCICode("200000002")!] == IndicatorAggregate(value: 100, lower: 100, upper: 100, completeness: 200.0 / 600, estimated: false))
    }

    @Test("a word that is not one of the categories is an error naming the file, line and column, and the categories")
    func unknownCategory() throws {
        let project = MiniProject()
        project.addSource("zonage", table: "CODGEO;Zone\n01001;A\n01002;D\n", yaml: Self.zonage("{A: 1, B1: 1, C: 0}"))
        #expect(inputError { _ = try project.inputs() }?.description
                == "\(project.folder.file("zonage.csv")): line 3, column 2: 'D' is not one of the categories declared ('A', 'B1', 'C')")
    }

    @Test("a cell listing identifiers counts them; an empty cell is none")
    func items() throws {
        let project = MiniProject()
        project.addSource("anct", table: "\"insee_com\",\"id_fs\"\n\"01001\",\"12;13\"\n\"01002\",\n\"01003\",\"7\"\n\"01004\",\"\"\n", yaml: """
            id: anct
            title: ANCT
            producer: essai
            vintage: "2023"
            path: anct.csv
            format: {delimiter: ","}
            level: commune
            key: insee_com
            indicators:
              - {id: france_services, column: id_fs, unit: structures, items: ";"}
            """)
        let aggregates = try project.inputs().aggregated()
        #expect(aggregates["france_services", epci: EPCICode("200000001")!]?.value == 2)
        #expect(aggregates["france_services", epci: EPCICode("200000002")!]?.value == 1)
        #expect(aggregates["france_services", epci: EPCICode("200000002")!]?.completeness == 1)
    }

    @Test("the withheld cells of a département hold together what its total leaves: each EPCI's bounds tightened, its share as estimate")
    func withheldTotal() throws {
        let project = MiniProject()
        project.addSource("departements", table: "DEP;vacants\n01;62\n", yaml: """
            id: departements
            title: Par département
            producer: essai
            vintage: "2025"
            path: departements.csv
            format: {delimiter: ";"}
            level: departement
            key: DEP
            indicators:
              - {id: vacants_departement, column: vacants, unit: logements, aggregate: spread, key: menages}
            """)
        project.addSource("communes", table: "CODGEO;vacants\n01001;50\n01002;s\n01003;s\n01004;s\n", yaml: Self.vacancy(", withheld_total: vacants_departement"))
        let aggregates = try project.inputs().aggregated()
        // 62 − 50 = 12 dwellings in the three withheld cells, each 0 to 10: one cell holds 0 to
        // 10 (4 expected), two hold 2 to 12 (8 expected), instead of 0 to 10 and 0 to 20.
        #expect(aggregates["vacants", epci: EPCICode("200000001")!] == IndicatorAggregate(value: 54, lower: 50, upper: 60, completeness: 0.25, estimated: false))
        #expect(aggregates["vacants", epci: EPCICode("200000002")!] == IndicatorAggregate(value: 8, lower: 2, upper: 12, completeness: 0, estimated: false))
        project.addSource("communes", table: "CODGEO;vacants\n01001;50\n01002;s\n01003;s\n01004;s\n",
                          yaml: Self.vacancy(""))
        #expect(try project.inputs().aggregated()["vacants", epci: EPCICode("200000002")!]
                == IndicatorAggregate(value: 10, lower: 0, upper: 20, completeness: 0, estimated: false))
    }

    @Test("withheld_total names a département indicator, on a count with a secrecy threshold")
    func withheldTotalChecked() throws {
        let project = MiniProject()
        project.addSource("communes", table: "CODGEO;vacants\n01001;50\n", yaml: Self.vacancy(", withheld_total: menages"))
        #expect(inputError { _ = try project.inputs() }?.message
                == "indicator 'vacants': withheld_total names 'menages', which is not an indicator of a département source")
    }
}
