import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Membership tables and group attributes")
struct GroupingTests {
    let folder = TemporaryFolder()

    @Test("a table with ;, quotes, Latin-1 and a CRLF ending reads whole; a short row names its line")
    func delimitedTable() throws {
        let latin1: [UInt8] = Array("DEPCOM;NOM;EPCI\r\n01001;\"L'Abergement; ".utf8) + [0xC9] + Array("glise\";200069193\r\n".utf8)
        let path = folder.write("t.csv", bytes: latin1)
        let table = try TextTable(path: path)
        #expect(table.columns == ["DEPCOM", "NOM", "EPCI"])
        #expect(table.rows == [["01001", "L'Abergement; Église", "200069193"]])
        let short = folder.write("short.csv", "a,b\n1,2\n3\n")
        #expect(inputError { _ = try TextTable(path: short) }?.description == "\(short): line 3: 1 field where the header has 2")
        #expect(inputError { _ = try TextTable(path: path).column("SIREN") }?.message == "no column 'SIREN'; the columns are DEPCOM, NOM, EPCI")
    }

    @Test("Occitanie dissolved by COG membership equals the dissolve by the communes' own EPCI code, with names copied and areas summed")
    func membership() throws {
        let input = try Geodata.path("cog2025/communes-occitanie.l93.geojson")
        let table = try Geodata.path("cog2025/communes-epci.csv")
        let byTable = folder.file("by-table.geojson"), byField = folder.file("by-field.geojson")
        _ = try LayerDissolve.dissolve(input: input, output: byTable, grouping: .membership(table: table, key: "DEPCOM", group: "EPCI", match: nil),
                                       attributes: GroupAttributes(copied: ["nom_epci"], summed: ["area_m2"]))
        _ = try LayerDissolve.dissolve(input: input, output: byField, grouping: .field("siren_epci"))
        let a = try readAll(byTable), b = try readAll(byField)
        #expect(a.count == b.count && a.count > 150)
        #expect(a.map(\.geometry) == b.map(\.geometry))
        #expect(a.map { $0.properties["EPCI"] } == b.map { $0.properties["siren_epci"] })
        #expect(a.map(\.properties.names).allSatisfy { $0 == ["EPCI", "nom_epci", "area_m2"] })

        let communes = try readAll(input)
        let toulouse = try #require(a.first { $0.properties["EPCI"] == .string("243100518") })
        let members = communes.filter { $0.properties["siren_epci"] == .string("243100518") }
        let expected = members.reduce(0.0) { sum, commune in
            guard case .real(let area)? = commune.properties["area_m2"] else { return sum }
            return sum + area
        }
        #expect(toulouse.properties["area_m2"] == .real(expected))
        #expect(toulouse.properties["nom_epci"] == members[0].properties["nom_epci"])
    }

    @Test("a feature missing from the membership table, and a non-numeric sum, are errors that name them")
    func membershipErrors() throws {
        let input = folder.write("c.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"insee_com":"99999","nom":"X"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}
            """)
        let table = folder.write("m.csv", "DEPCOM;EPCI\n01001;200069193\n")
        let missing = inputError {
            _ = try LayerDissolve.dissolve(input: input, output: folder.file("o.geojson"), grouping: .membership(table: table, key: "DEPCOM", group: "EPCI", match: nil))
        }
        #expect(missing?.message == "1 feature has a insee_com missing from the DEPCOM column of \(table) (first: 99999)")
        let sum = inputError {
            _ = try LayerDissolve.dissolve(input: input, output: folder.file("o.geojson"), grouping: .field("insee_com"), attributes: GroupAttributes(summed: ["nom"]))
        }
        #expect(sum?.description == "\(input): feature 0: 'nom' is not a number and cannot be summed")
        #expect(!folder.names().contains("o.geojson"))
    }
}
