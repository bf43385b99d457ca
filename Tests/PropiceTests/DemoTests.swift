import Foundation
import Testing
@testable import Propice
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("The embedded demo")
struct DemoTests {
    let folder = TemporaryFolder()

    @Test("propice synth --demo writes exactly the committed demo")
    func regenerates() throws {
        var files = DemoFiles(territory: DemoTerritory(), catalogue: try SourceCatalogue(folder: Geodata.packageRoot + "/geodata/sources"))
        let written = try files.write(to: folder.file("demo"))
        let demo = BuiltOutput(folder: Geodata.packageRoot + "/geodata/demo").files()
        #expect(Set(written) == Set(demo.keys), "the committed demo has these files and no other")
        for name in written { #expect(folder.read("demo/" + name) == demo[name], "\(name) differs from the committed one") }
    }

    @Test("a clean coverage of fictional communes; every EPCI and département named fictional")
    func territory() throws {
        let path = Geodata.packageRoot + "/geodata/demo/communes.l93.geojson"
        let report = try LayerCoverageCheck.check(input: path)
        #expect(report.issues.isEmpty, "\(report.issues.prefix(3))")
        let territories = try Territories(membership: Geodata.packageRoot + "/geodata/demo/communes-epci.csv")
        #expect(territories.communes.count == 154 && territories.epci.count == 12)
        #expect(territories.communes.values.allSatisfy { $0.name.hasSuffix("(fictive)") })
        #expect(territories.epci.values.allSatisfy { $0.name.hasSuffix("(fictif)") && $0.code.value.hasPrefix("999") })
        #expect(Set(territories.epci.values.map(\.nature)) == [.me, .ca, .cc])
        #expect(territories.departementNames.values.allSatisfy { $0.hasSuffix("(fictif)") })
    }

    @Test("every source of the catalogue is read through its habits, with withheld cells")
    func sources() throws {
        let inputs = try IndicatorInputs(configuration: try BuildTests.demo())
        #expect(inputs.sources.count == inputs.catalogue.sources.count)
        for source in inputs.sources {
            #expect(source.report.matched > 0 && source.report.unmatched.isEmpty, "\(source.declaration.id)")
        }
        #expect(inputs.sources.first { $0.declaration.id == "sne-2024" }!.report.masked > 0)
        let aggregates = try inputs.aggregated()
        #expect(aggregates.epci.count == 12)
    }
}
